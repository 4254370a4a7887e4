using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.InboundEmail;
using Cerchio.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace Cerchio.Service.Features.Attachments;

/// <summary>A file of an announcement or an article as lists show it: everything but its bytes.</summary>
internal sealed record DocumentFileInfo(Guid Id, string FileName, string ContentType, long Size, string AddedBy, DateTimeOffset AddedAt);

/// <summary>A form's changes to an owner's files: files to add, already checked, and ids to remove.</summary>
internal sealed record FileChanges(IReadOnlyList<CheckedFile> Added, IReadOnlyCollection<Guid> Removed);

/// <summary>An upload checked and read, ready to be kept once what it belongs to is saved.</summary>
internal sealed record CheckedFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// The files that go with announcements and articles: at most <see cref="MaxFiles"/> each, none larger than
/// Documents:MaxFileMegabytes (10 MB by default), and nothing that runs — programs and scripts are refused by their
/// name and by their first bytes, whatever name they come with. Checked before anything is saved, so a refused file
/// costs nothing but choosing it again.
/// </summary>
internal sealed class DocumentFiles(CerchioDb db, OrganizationContext tenant, IConfiguration configuration, TimeProvider clock)
{
    public const int MaxFiles = 20;

    /// <summary>The largest form or API body the pages and endpoints that take files read: a few files at the default limit, and the text.</summary>
    public const long MaxRequestBytes = 64L * 1024 * 1024;

    /// <summary>Names that run when opened (Windows, macOS, Linux, the browser) or install something.</summary>
    private static readonly HashSet<string> RunnableExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".exe", ".com", ".bat", ".cmd", ".msi", ".msp", ".mst", ".scr", ".pif", ".cpl", ".dll", ".sys", ".ocx", ".drv",
        ".ps1", ".psm1", ".psd1", ".vbs", ".vbe", ".js", ".jse", ".mjs", ".wsf", ".wsh", ".wsc", ".ws", ".hta", ".jar",
        ".sh", ".bash", ".zsh", ".csh", ".ksh", ".run", ".bin", ".app", ".command", ".apk", ".ipa", ".deb", ".rpm",
        ".dmg", ".pkg", ".lnk", ".url", ".scf", ".reg", ".msc", ".gadget", ".inf", ".application", ".appx", ".msix",
        ".appxbundle", ".msixbundle", ".chm", ".html", ".htm", ".xhtml", ".shtml", ".mht", ".mhtml", ".svg", ".php",
        ".py", ".pyw", ".pl", ".rb", ".iso", ".img", ".vhd", ".vhdx", ".xll", ".xlam", ".docm", ".xlsm", ".pptm",
    };

    public long MaxFileBytes => Math.Max(1, configuration.GetValue("Documents:MaxFileMegabytes", 10L)) * 1024 * 1024;

    public Task<List<DocumentFileInfo>> ListAsync(Guid ownerId, CancellationToken ct = default) =>
        db.Set<DocumentFile>().AsNoTracking()
            .Where(f => f.OwnerId == ownerId)
            .OrderBy(f => f.FileName).ThenBy(f => f.Id)
            .Select(f => new DocumentFileInfo(f.Id, f.FileName, f.ContentType, f.Size, f.AddedBy, f.AddedAt))
            .ToListAsync(ct);

    /// <summary>One file, bytes included; null when it is not this owner's (or not this organization's).</summary>
    public Task<DocumentFile?> FindAsync(Guid ownerId, Guid fileId, CancellationToken ct = default) =>
        db.Set<DocumentFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.OwnerId == ownerId, ct);

    /// <summary>
    /// The chosen files read and checked, or why they are refused (field key <paramref name="field"/>): too many, too
    /// large (from the declared sizes, before anything is read), empty, or runnable.
    /// </summary>
    public async Task<(List<CheckedFile> Files, Errors Errors)> CheckAsync(IEnumerable<IFormFile> uploads, int alreadyKept, string field, CancellationToken ct = default)
    {
        // A file input with nothing chosen still sends one empty, unnamed part.
        var chosen = uploads.Where(f => !string.IsNullOrEmpty(f.FileName)).ToList();
        var errors = new Errors();
        if (alreadyKept + chosen.Count > MaxFiles)
        {
            return ([], errors.Add(field, "Al massimo {0} file per annuncio o articolo.", MaxFiles));
        }

        foreach (var tooLarge in chosen.Where(f => f.Length > MaxFileBytes))
        {
            errors.Add(field, "«{0}» supera il limite di {1} MB per file.", tooLarge.FileName, MaxFileBytes / (1024 * 1024));
        }

        if (errors.Any)
        {
            return ([], errors);
        }

        var files = new List<CheckedFile>();
        foreach (var (upload, index) in chosen.Select((u, i) => (u, i)))
        {
            using var content = new MemoryStream((int)upload.Length);
            await upload.CopyToAsync(content, ct);
            var bytes = content.ToArray();
            // The type from the name (what a browser declares is not trusted), the name cleaned as an email's.
            var type = MimeTypes.GetMimeType(upload.FileName);
            var name = Bodies.FileName(upload.FileName, type, index + 1);
            if (bytes.Length == 0)
            {
                errors.Add(field, "«{0}» è vuoto.", name);
            }
            else if (IsRunnable(name, bytes))
            {
                errors.Add(field, "«{0}» è un programma o uno script: per sicurezza non si allega. Allega un documento (PDF, immagine, foglio di calcolo) o comprimi in ZIP solo documenti.", name);
            }
            else
            {
                files.Add(new CheckedFile(name, type, bytes));
            }
        }

        return errors.Any ? ([], errors) : (files, errors);
    }

    /// <summary>
    /// What a form posted for an owner's files: the new ones checked (field key <c>Files</c>) and the kept ones ticked
    /// for removal (<c>RemoveFiles</c>). Nothing is changed; <see cref="SaveAsync"/> applies it once the owner is saved.
    /// </summary>
    public async Task<(FileChanges Changes, Errors Errors)> ReadFormAsync(HttpRequest request, Guid? ownerId, CancellationToken ct = default)
    {
        var form = await request.ReadFormAsync(ct);
        var remove = form["RemoveFiles"].Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToHashSet();
        var kept = ownerId is { } owner ? (await ListAsync(owner, ct)).Count(f => !remove.Contains(f.Id)) : 0;
        var (files, errors) = await CheckAsync(form.Files.GetFiles("Files"), kept, "Files", ct);
        return (new FileChanges(files, remove), errors);
    }

    /// <summary>
    /// A form page's save of an owner with its files. The files are checked first: a refused one leaves the owner as
    /// it was and the text as typed. When the owner is refused, the page says that the chosen files must be chosen
    /// again (a browser never refills a file field).
    /// </summary>
    public async Task<(T? Saved, Errors Errors)> SaveFormAsync<T>(
        HttpRequest request, DocumentOwner kind, Guid? existingId, Func<Task<(T? Saved, Errors Errors)>> saveOwner, Func<T, Guid> idOf)
        where T : class
    {
        var (changes, fileErrors) = await ReadFormAsync(request, existingId);
        if (fileErrors.Any)
        {
            return (null, fileErrors);
        }

        var (saved, errors) = await saveOwner();
        if (saved is null)
        {
            if (changes.Added.Count > 0)
            {
                errors.Add("Files", "Il browser non conserva i file scelti: scegli di nuovo gli allegati.");
            }

            return (null, errors);
        }

        await SaveAsync(kind, idOf(saved), changes);
        return (saved, errors);
    }

    /// <summary>Applies a form's file changes to the owner just saved.</summary>
    public async Task SaveAsync(DocumentOwner kind, Guid ownerId, FileChanges changes, CancellationToken ct = default)
    {
        if (changes.Added.Count == 0 && changes.Removed.Count == 0)
        {
            return;
        }

        Keep(kind, ownerId, changes.Added);
        await DropAsync(ownerId, changes.Removed, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Keeps the checked files with their owner, in the caller's save (the audit log records each, without its bytes).</summary>
    public void Keep(DocumentOwner kind, Guid ownerId, IEnumerable<CheckedFile> files)
    {
        var now = clock.GetUtcNow();
        db.AddRange(files.Select(f => new DocumentFile
        {
            Id = Ids.New(), OwnerKind = kind, OwnerId = ownerId, FileName = f.FileName, ContentType = f.ContentType,
            Size = f.Content.Length, Content = f.Content, AddedBy = tenant.ActorName ?? "", AddedAt = now,
        }));
    }

    /// <summary>Removes the owner's files among <paramref name="fileIds"/>, in the caller's save; others' ids are ignored.</summary>
    public async Task DropAsync(Guid ownerId, IReadOnlyCollection<Guid> fileIds, CancellationToken ct = default)
    {
        if (fileIds.Count == 0)
        {
            return;
        }

        // Loaded without the bytes: the audit log needs the row, not the file.
        var doomed = await db.Set<DocumentFile>().Where(f => f.OwnerId == ownerId && fileIds.Contains(f.Id))
            .Select(f => new DocumentFile { Id = f.Id, OrganizationId = f.OrganizationId, OwnerKind = f.OwnerKind, OwnerId = f.OwnerId, FileName = f.FileName, ContentType = f.ContentType, Size = f.Size, AddedBy = f.AddedBy, AddedAt = f.AddedAt })
            .ToListAsync(ct);
        foreach (var file in doomed)
        {
            db.Attach(file);
            db.Remove(file);
        }
    }

    /// <summary>A program or a script: by its extension, or by the first bytes of an executable whatever it is called.</summary>
    public static bool IsRunnable(string fileName, ReadOnlySpan<byte> content)
    {
        var name = fileName.TrimEnd(' ', '.');
        if (RunnableExtensions.Contains(Path.GetExtension(name)))
        {
            return true;
        }

        return content switch
        {
            [(byte)'M', (byte)'Z', ..] => true,                                 // Windows programs and libraries
            [0x7F, (byte)'E', (byte)'L', (byte)'F', ..] => true,               // Linux programs
            [0xFE, 0xED, 0xFA, 0xCE or 0xCF, ..] or [0xCE or 0xCF, 0xFA, 0xED, 0xFE, ..] or [0xCA, 0xFE, 0xBA, 0xBE, ..] => true,   // macOS
            [(byte)'#', (byte)'!', ..] => true,                                 // scripts with an interpreter line
            _ => false,
        };
    }
}
