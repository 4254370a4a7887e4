using System.Globalization;
using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.OpenCase;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Cerchio.Service.Features.Attachments;

/// <summary>A file of a case as lists show it: everything but its bytes.</summary>
internal sealed record AttachmentInfo(Guid Id, Guid EntryId, string FileName, string ContentType, string? ContentId, bool IsInline, long Size);

/// <summary>
/// The files of a case's messages: listed without their bytes, and served so that a file a customer sent can never
/// run as part of Cerchio (an HTML or SVG file opened from the case would otherwise execute in Cerchio's origin).
/// </summary>
internal static class CaseFiles
{
    /// <summary>Images every browser decodes as pixels: the only files shown inline (no SVG: it is a document that can carry script).</summary>
    private static readonly HashSet<string> Raster = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/avif",
    };

    /// <summary>Types served as themselves for downloads (the browser hands them to their application); any other is application/octet-stream.</summary>
    private static readonly HashSet<string> Downloadable = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/pdf", "text/plain", "text/csv", "text/calendar", "message/rfc822", "application/zip",
        "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
        "audio/mpeg", "audio/ogg", "audio/wav", "video/mp4", "video/quicktime",
    };

    public static string PageUrl(int caseNumber, Guid attachmentId) => $"{CaseDesk.PageOf(caseNumber)}/allegati/{attachmentId}";

    public static string ApiUrl(int caseNumber, Guid attachmentId) => $"/api/v1/cases/{caseNumber}/attachments/{attachmentId}";

    /// <summary>The case's files, oldest message first; the organization filter keeps other organizations' out.</summary>
    public static Task<List<AttachmentInfo>> ListAsync(CerchioDb db, Guid caseId, CancellationToken ct = default) =>
        db.Set<CaseAttachment>().AsNoTracking()
            .Where(a => a.CaseId == caseId)
            .OrderBy(a => a.FileName).ThenBy(a => a.Id)
            .Select(a => new AttachmentInfo(a.Id, a.EntryId, a.FileName, a.ContentType, a.ContentId, a.IsInline, a.Size))
            .ToListAsync(ct);

    /// <summary>One file of one case, bytes included; null when either is not this organization's.</summary>
    public static async Task<CaseAttachment?> FindAsync(CaseDesk desk, CerchioDb db, int caseNumber, Guid attachmentId, CancellationToken ct)
    {
        if (await desk.FindAsync(caseNumber, ct) is not { } found)
        {
            return null;
        }

        return await db.Set<CaseAttachment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.CaseId == found.Id, ct);
    }

    public static bool IsRasterImage(string contentType) => Raster.Contains(contentType);

    /// <summary>
    /// The file as a response: a download (Content-Disposition: attachment, the name in RFC 6266/5987 form so accents
    /// survive), never sniffed, sandboxed if opened anyway. Only a raster image asked for inline (the email view's
    /// cid: images) is shown in place.
    /// </summary>
    public static IResult Serve(CaseAttachment file, bool inline) => Serve(file.FileName, file.ContentType, file.Content, inline);

    /// <summary>Any kept file (a case's, an announcement's, an article's) served the same inert way.</summary>
    public static IResult Serve(string fileName, string contentType, byte[] content, bool inline)
    {
        var type = contentType.Split(';')[0].Trim();
        var raster = Raster.Contains(type);
        var served = raster || Downloadable.Contains(type) ? type.ToLowerInvariant() : "application/octet-stream";
        var disposition = new ContentDispositionHeaderValue(inline && raster ? "inline" : "attachment");
        disposition.SetHttpFileName(fileName);
        return new FileResponse(content, served, disposition.ToString());
    }

    /// <summary>"812 B", "14 KB", "2,3 MB": in the reader's culture, one decimal where it helps.</summary>
    public static string HumanSize(long bytes, CultureInfo culture) => bytes switch
    {
        < 1024 => string.Create(culture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(culture, $"{Math.Max(1, Math.Round(bytes / 1024.0)):0} KB"),
        < 1024L * 1024 * 1024 => string.Create(culture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        _ => string.Create(culture, $"{bytes / (1024.0 * 1024 * 1024):0.#} GB"),
    };

    /// <summary>A symbol for the kind of file (the name beside it says the rest).</summary>
    public static string Icon(string contentType, string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return contentType switch
        {
            _ when contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) => "🖼",
            "application/pdf" => "📕",
            _ when extension is ".xls" or ".xlsx" or ".ods" or ".csv" => "📊",
            _ when extension is ".doc" or ".docx" or ".odt" or ".rtf" or ".txt" => "📝",
            _ when extension is ".zip" or ".7z" or ".rar" or ".gz" => "🗜",
            _ when contentType.StartsWith("message/", StringComparison.OrdinalIgnoreCase) || extension == ".eml" => "✉",
            _ when contentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) => "🔊",
            _ when contentType.StartsWith("video/", StringComparison.OrdinalIgnoreCase) => "🎞",
            _ => "📎",
        };
    }

    /// <summary>The bytes with headers that keep them inert: never sniffed, never framed, no script even if opened directly.</summary>
    private sealed class FileResponse(byte[] content, string contentType, string disposition) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            var headers = context.Response.Headers;
            headers.ContentDisposition = disposition;
            headers.XContentTypeOptions = "nosniff";
            headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";
            headers.CacheControl = "private, no-store";
            return Results.Bytes(content, contentType).ExecuteAsync(context);
        }
    }
}
