using Cerchio.Tenancy;

namespace Cerchio.Customers.Domain;

internal enum ImportStatus
{
    /// <summary>Uploaded and checked; waiting for the person to confirm the mapping and the valid rows.</summary>
    Previewed = 1,
    Queued = 2,
    Running = 3,
    Completed = 4,
    Failed = 5,
}

/// <summary>
/// A customer import: the sheet read from the uploaded file, its column mapping, its validation report and its progress.
/// Runs as a durable job, so a restart resumes it and a large file does not hold a request open.
/// </summary>
[NotAudited]
internal sealed class ImportJob : IOrganizationScoped
{
    public const int MaxBytes = Ui.Import.SheetReader.MaxBytes;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string FileName { get; set; } = "";

    /// <summary>
    /// The sheet parsed at upload (gzip JSON, see StoredSheet), read by the job page, a remap and the worker; the uploaded
    /// file itself is not kept. Emptied once the import has completed.
    /// </summary>
    public byte[] Sheet { get; set; } = [];

    public ImportStatus Status { get; set; }

    /// <summary>JSON: Cerchio field → column header in the file.</summary>
    public string Mapping { get; set; } = "{}";
    public int TotalRows { get; set; }
    public int InvalidRows { get; set; }
    public int ProcessedRows { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }

    /// <summary>JSON array of { row, field, message } for rows that were not imported.</summary>
    public string Report { get; set; } = "[]";
    public string? Failure { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Stamped by the instance running the job at every batch; a stale one means that instance died.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }
}
