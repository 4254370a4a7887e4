using Cerchio.Customers.Domain;
using Cerchio.Customers.Features.Records;
using Cerchio.Data;
using Cerchio.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Cerchio.Ui.Import;

namespace Cerchio.Customers.Features.ImportCustomers;

/// <summary>The analysis of a file under a mapping: what the preview shows and the report stores.</summary>
internal sealed record ImportAnalysis(int TotalRows, int InvalidRows, List<ImportIssue> Issues);

/// <summary>Upload, preview, remapping and confirmation of customer imports; the rows are written by <see cref="ImportWorker"/>.</summary>
internal sealed class ImportJobs(CerchioDb db, OrganizationContext tenant, TimeProvider clock, ImportSignal signal)
{
    public const string ConfirmInvalid = "Conferma di voler importare solo le righe valide.";
    public const string NothingValid = "Nessuna riga è valida: correggi il file o la mappatura.";
    public const string SheetGone = "Il contenuto di questa importazione non è più disponibile: carica di nuovo il file.";

    public IQueryable<ImportJob> Jobs => db.Set<ImportJob>();

    /// <summary>
    /// Reads the upload once and stores the parsed sheet, never the file. <paramref name="ct"/> is the request's:
    /// when the client goes away the parsing stops (it is also bounded by <see cref="SheetReader.Budget"/>).
    /// </summary>
    public async Task<(Guid? Id, Errors Errors)> UploadAsync(IFormFile? file, CancellationToken ct = default)
    {
        var errors = new Errors();
        if ((file is null ? SheetReader.NoFile : SheetReader.CheckUpload(file.FileName, file.Length)) is { } problem)
        {
            return (null, errors.Add("File", problem));
        }

        using var buffer = new MemoryStream((int)file!.Length);
        await file.CopyToAsync(buffer, ct);
        var (table, error) = SheetReader.Read(file.FileName, buffer.ToArray(), ct);
        if (table is null)
        {
            return (null, errors.Add("File", error ?? SheetReader.NotSpreadsheet));
        }

        var mapping = ImportMapping.Guess(table.Headers);
        var analysis = await AnalyzeAsync(table, mapping, ct);
        var job = new ImportJob
        {
            Id = Ids.New(),
            FileName = Path.GetFileName(file.FileName) is { Length: > 0 } name ? name[..Math.Min(name.Length, 260)] : "import",
            Sheet = StoredSheet.Encode(table),
            Status = ImportStatus.Previewed,
            Mapping = mapping.ToJson(),
            CreatedBy = tenant.ActorName ?? "",
            CreatedAt = clock.GetUtcNow(),
        };
        Store(job, analysis);
        db.Add(job);
        await db.SaveChangesAsync(ct);
        return (job.Id, errors);
    }

    public async Task<ImportAnalysis> AnalyzeAsync(SheetTable table, ImportMapping mapping, CancellationToken ct = default)
    {
        var keys = await LoadKeysAsync(ct);
        var reader = new ImportRowReader(table.Headers, mapping);
        var issues = new List<ImportIssue>();
        var invalid = 0;
        foreach (var sheetRow in table.Rows)
        {
            ct.ThrowIfCancellationRequested();
            var errors = ImportRowReader.Check(reader.Read(sheetRow), keys);
            if (errors.Any)
            {
                invalid++;
                if (issues.Count < ImportIssue.MaxStored)
                {
                    issues.AddRange(ImportIssue.From(sheetRow.Number, errors));
                }
            }
        }

        return new ImportAnalysis(table.Rows.Count, invalid, issues);
    }

    /// <summary>Applies a new mapping to a previewed job and recomputes its report.</summary>
    public async Task RemapAsync(ImportJob job, SheetTable table, ImportMapping mapping, CancellationToken ct = default)
    {
        mapping = mapping.For(table.Headers);
        job.Mapping = mapping.ToJson();
        Store(job, await AnalyzeAsync(table, mapping, ct));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Queues a previewed job for the worker. Only one of two simultaneous confirmations wins.</summary>
    public async Task<Errors> ConfirmAsync(ImportJob job, bool onlyValidRows, CancellationToken ct = default)
    {
        var errors = new Errors();
        if (job.InvalidRows >= job.TotalRows)
        {
            return errors.Add("OnlyValid", NothingValid);
        }

        if (job.InvalidRows > 0 && !onlyValidRows)
        {
            return errors.Add("OnlyValid", ConfirmInvalid);
        }

        await db.Set<ImportJob>().Where(j => j.Id == job.Id && j.Status == ImportStatus.Previewed)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Queued), ct);
        signal.Notify();
        return errors;
    }

    private static void Store(ImportJob job, ImportAnalysis analysis)
    {
        job.TotalRows = analysis.TotalRows;
        job.InvalidRows = analysis.InvalidRows;
        job.Report = ImportIssue.ToJson(analysis.Issues);
    }

    private async Task<ExistingKeys> LoadKeysAsync(CancellationToken ct)
    {
        var keys = await db.Set<Customer>().Where(c => c.MergedIntoId == null)
            .Select(c => new { c.ExternalId, c.Email, c.VatNumber }).AsNoTracking().ToListAsync(ct);
        return new ExistingKeys(
            keys.Where(k => k.ExternalId != null).Select(k => k.ExternalId!).ToHashSet(),
            keys.Where(k => k.Email != null).Select(k => k.Email!).ToHashSet(),
            keys.Where(k => k.VatNumber != null).Select(k => k.VatNumber!).ToHashSet());
    }
}

/// <summary>Wakes the worker as soon as a job is queued in this instance (other instances find it by polling).</summary>
internal sealed class ImportSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up is enough.
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct) => await _signal.WaitAsync(timeout, ct);
}
