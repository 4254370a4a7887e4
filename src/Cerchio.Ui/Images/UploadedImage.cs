using Microsoft.AspNetCore.Http;

namespace Cerchio.Ui.Images;

/// <summary>
/// An image people upload (a persona's photo, the organization's logo): read with a bound, recognized by its first
/// bytes (PNG, JPEG or WebP; never SVG, which can carry script), served as its checked type and never run.
/// </summary>
public static class UploadedImage
{
    /// <summary>
    /// The chosen file's bytes, at most one more than <paramref name="maxBytes"/> (enough to refuse it without reading it
    /// all); null when no file was chosen (a file field left empty still sends an unnamed, empty part).
    /// </summary>
    public static async Task<byte[]?> ReadAsync(IFormFile? file, int maxBytes, CancellationToken ct = default)
    {
        if (file is null || string.IsNullOrEmpty(file.FileName))
        {
            return null;
        }

        var buffer = new byte[Math.Min(file.Length, maxBytes + 1L)];
        await using var stream = file.OpenReadStream();
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        return read == buffer.Length ? buffer : buffer[..read];
    }

    /// <summary>PNG, JPEG or WebP by the file's first bytes, whatever its name or declared type says; null for anything else.</summary>
    public static string? TypeOf(ReadOnlySpan<byte> content) =>
        content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : content.Length >= 12 && content[..4].SequenceEqual("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;

    /// <summary>The image as a response: its checked type, never sniffed, never run (a sandbox even if opened directly).</summary>
    /// <param name="cacheControl">How long browsers and proxies may keep it: long only at an address that changes with the image.</param>
    public static IResult Serve(HttpContext context, byte[] content, string contentType, string cacheControl)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox; frame-ancestors 'none'";
        headers.CacheControl = cacheControl;
        return TypedResults.Bytes(content, contentType);
    }
}
