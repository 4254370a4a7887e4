using Cerchio.Data;
using Cerchio.Data.Sweeps;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.OpenCase;
using Cerchio.Service.Features.Settings;
using Cerchio.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cerchio.Service.Features.AutoClose;

/// <summary>
/// One pass of auto-close: a case resolved more than the organization's N days ago (calendar days; 0: never) closes,
/// through <see cref="CaseDesk.MoveAsync"/> like a person's move, so it gets the same conversation line. Once, with
/// any number of instances: a conditional UPDATE on the still-resolved case opens the transaction, and whoever loses
/// the row finds it no longer resolved.
/// </summary>
internal sealed class AutoClosePass(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AutoClosePass> logger) : ISweepPass
{
    public const int BatchSize = 200;

    /// <summary>Returns how many cases it closed.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<Guid> organizations;
        await using (var scope = scopes.CreateAsyncScope())
        {
            organizations = await Desk.DeskOrganizations.WithCasesAsync(scope.ServiceProvider.GetRequiredService<CerchioDb>(), ct);
        }

        var closed = 0;
        foreach (var organizationId in organizations)
        {
            closed += await RunForAsync(organizationId, now, ct);
        }

        return closed;
    }

    private async Task<int> RunForAsync(Guid organizationId, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<OrganizationContext>().Set(organizationId, null, "chiusura automatica", Role.Administrator);
        var settings = await services.GetRequiredService<ServiceSettings>().ForAsync(organizationId, ct);
        if (settings.AutoCloseDays <= 0)
        {
            return 0;
        }

        var db = services.GetRequiredService<CerchioDb>();
        var before = now - TimeSpan.FromDays(settings.AutoCloseDays);
        var due = await db.Set<Case>()
            .Where(c => c.Status == CaseStatus.Resolved && c.ResolvedAt <= before)
            .OrderBy(c => c.ResolvedAt).Select(c => c.Id).Take(BatchSize).ToListAsync(ct);

        // The desk on this pass's clock, so the closing instant is the one the pass decided on.
        var desk = ActivatorUtilities.CreateInstance<CaseDesk>(services, clock);
        var closed = 0;
        foreach (var id in due)
        {
            try
            {
                closed += await CloseAsync(db, desk, id, now, ct) ? 1 : 0;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Closing resolved case {CaseId} failed.", id);
            }
        }

        return closed;
    }

    /// <summary>Closes the case if it is still resolved and no other pass holds it; false otherwise.</summary>
    private static async Task<bool> CloseAsync(CerchioDb db, CaseDesk desk, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.Set<Case>().Where(c => c.Id == id && c.Status == CaseStatus.Resolved)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, now), ct) == 0)
        {
            return false;   // reopened or closed meanwhile, or another instance has it
        }

        var resolved = await db.Set<Case>().FirstAsync(c => c.Id == id, ct);
        if (await desk.MoveAsync(resolved, CaseStatus.Closed, ct) is not null)
        {
            return false;
        }

        await transaction.CommitAsync(ct);
        return true;
    }
}
