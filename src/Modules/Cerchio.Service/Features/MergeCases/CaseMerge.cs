using Cerchio.Data;
using Cerchio.Data.Outbox;
using Cerchio.Service.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.OpenCase;
using Cerchio.Service.Features.Settings;
using Cerchio.Text;
using Cerchio.Ui.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.MergeCases;

internal enum MergeOutcome
{
    Merged,

    /// <summary>No case with that number in this organization (or another organization's: the same answer).</summary>
    NotFound,

    /// <summary>A rule refuses it (different customers, a closed or merged case…); the reason says which.</summary>
    Refused,

    /// <summary>Another merge or change of one of the two cases committed first; nothing changed.</summary>
    Conflict,
}

internal sealed record MergeResult(MergeOutcome Outcome, Case? Target = null, ErrorMessage? Reason = null);

/// <summary>A case the merge form offers as a target: the same customer's, still able to receive.</summary>
internal sealed record MergeCandidate(int Number, string Subject, CaseStatus Status, DateTimeOffset LastActivityAt);

/// <summary>
/// Merges a case into another of the same customer. The source's whole conversation (messages, notes, files, hand-offs)
/// moves to the target, so every Message-ID it holds now threads there and the target's own replies carry them in
/// References; the source stays, closed, with its number and a line saying where it went.
/// </summary>
internal sealed class CaseMerge(CerchioDb db, CaseDesk desk, ServiceSettings settings, TimeProvider clock)
{
    public const int CandidatesShown = 20;

    /// <summary>How many of the customer's newest unclosed cases are read to pick the most recently active.</summary>
    private const int CandidatesRead = 200;

    /// <summary>The customer's other cases that may receive this one, most recently active first.</summary>
    public async Task<List<MergeCandidate>> CandidatesAsync(Case source, CancellationToken ct = default)
    {
        if (source.CustomerId is not { } customerId)
        {
            return [];
        }

        // The customer's newest cases in the (OrganizationId, CustomerId, CreatedAt) index's order, then by activity here:
        // ordered by activity in SQL, SQLite without statistics walks every case of the organization by LastActivityAt.
        var recent = await db.Set<Case>().AsNoTracking()
            .Where(c => c.CustomerId == customerId && c.Id != source.Id && c.MergedIntoId == null && c.Status != CaseStatus.Closed)
            .OrderByDescending(c => c.CreatedAt)
            .Take(CandidatesRead)
            .Select(c => new MergeCandidate(c.Number, c.Subject, c.Status, c.LastActivityAt))
            .ToListAsync(ct);
        return recent.OrderByDescending(c => c.LastActivityAt).ThenByDescending(c => c.Number).Take(CandidatesShown).ToList();
    }

    /// <summary>The target as the confirmation names it, or why it cannot be; nothing changes.</summary>
    public async Task<MergeResult> CheckAsync(Case source, int into, CancellationToken ct = default)
    {
        if (await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(c => c.Number == into, ct) is not { } target)
        {
            return new MergeResult(MergeOutcome.NotFound);
        }

        return source.MergeRefusal(target) is { } refused ? new MergeResult(MergeOutcome.Refused, target, refused) : new MergeResult(MergeOutcome.Merged, target);
    }

    /// <summary>Merges <paramref name="source"/> into case number <paramref name="into"/> in one transaction, or changes nothing.</summary>
    public async Task<MergeResult> MergeAsync(Case source, int into, CancellationToken ct = default)
    {
        if (await desk.FindAsync(into, ct) is not { } target)
        {
            return new MergeResult(MergeOutcome.NotFound);
        }

        if (source.MergeRefusal(target) is { } refused)
        {
            return new MergeResult(MergeOutcome.Refused, target, refused);
        }

        var (calendar, _) = await settings.GetAsync(ct);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // Both rows are claimed in one order (by id), each only while still unmerged and not closed: of two merges of
        // the same pair, or of A into B and B into A at once, the second finds a row already changed and stops.
        foreach (var id in new[] { source.Id, target.Id }.Order())
        {
            var claimed = await db.Set<Case>()
                .Where(c => c.Id == id && c.MergedIntoId == null && c.Status != CaseStatus.Closed)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, now), ct);
            if (claimed == 0)
            {
                await transaction.RollbackAsync(ct);
                return new MergeResult(MergeOutcome.Conflict, target);
            }
        }

        // What was read before the claim may be stale: judge again on the rows as they are now.
        await db.Entry(source).ReloadAsync(ct);
        await db.Entry(target).ReloadAsync(ct);
        if (source.MergeRefusal(target) is { } nowRefused)
        {
            await transaction.RollbackAsync(ct);
            return new MergeResult(MergeOutcome.Refused, target, nowRefused);
        }

        var openHandOffs = await db.Set<HandOff>().AnyAsync(h => h.CaseId == source.Id && h.Status == HandOffStatus.Open, ct);
        await db.Set<CaseEntry>().Where(e => e.CaseId == source.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.CaseId, target.Id), ct);
        await db.Set<CaseAttachment>().Where(a => a.CaseId == source.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.CaseId, target.Id), ct);
        await db.Set<HandOff>().Where(h => h.CaseId == source.Id).ExecuteUpdateAsync(s => s.SetProperty(h => h.CaseId, target.Id), ct);

        var targetWas = target.Status;
        source.MergeInto(target, now);
        if (openHandOffs)
        {
            // The departments asked on the source still hold the request: the target waits on them now.
            target.WaitOnDepartment(true, now, calendar);
        }

        desk.AddEntry(source, CaseEntryKind.Merged, $"Unita nella pratica #{target.Number}", now, null, byAgent: true);
        desk.AddEntry(target, CaseEntryKind.Merged, $"Unita la pratica #{source.Number}: {source.Subject}", now, null, byAgent: true);
        if (target.Status != targetWas)
        {
            desk.AddEntry(target, CaseEntryKind.StatusChanged, $"{CaseNames.Label(targetWas)} → {CaseNames.Label(target.Status)}", now, null, byAgent: true);
        }

        db.Publish(new CaseMerged(source.Id, source.Number, target.Id, target.Number, source.CustomerId, now));
        desk.Timeline(target, "case_merged", $"Pratica #{source.Number} unita nella pratica #{target.Number}", now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new MergeResult(MergeOutcome.Merged, target);
    }
}

internal static class MergeApi
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{number:int}/merge", MergeAsync).WithName("MergeCase")
            .WithSummary("Merges the case into another case of the same customer (into: its number). The conversation, files and hand-offs move "
                + "to that case, replies to the merged case's emails join it from then on; the merged case is closed (not resolved) and keeps its "
                + "number, with merged_into. Refused: the same case, another customer's, a closed or already merged case (merge into the case it "
                + "went to instead). 409 when another change of either case came first.");

    private static async Task<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>> MergeAsync(
        int number, MergeInput input, CaseDesk desk, CaseMerge merge, Loc l, CancellationToken ct)
    {
        if (await desk.FindAsync(number, ct) is not { } source)
        {
            return ApiResults.NotFound("case");
        }

        if (input.Into is not { } into)
        {
            return ApiResults.Invalid("into", "'into' è obbligatorio: il numero della pratica in cui unire questa.", l);
        }

        var result = await merge.MergeAsync(source, into, ct);
        return result.Outcome switch
        {
            MergeOutcome.Merged => TypedResults.Ok(CaseDto.From(result.Target!)),
            MergeOutcome.NotFound => ApiResults.NotFound("case"),
            MergeOutcome.Refused => ApiResults.Invalid("into", result.Reason!.Text, l, result.Reason.Args),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", type: ApiResults.ConflictType,
                detail: "One of the two cases changed while merging (another merge came first): nothing was changed, read them again."),
        };
    }
}
