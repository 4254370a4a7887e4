using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.AutoClose;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cerchio.Service.Features.SlaAlerts;

/// <summary>
/// Runs the desk's timed work every <c>ServiceDesk:SweepInterval</c> (1 minute by default; zero turns it off): the
/// SLA alerts, then auto-close. Each pass is safe with several instances running it at once.
/// </summary>
internal sealed class DeskSweep(SlaAlertPass alerts, AutoClosePass autoClose, IConfiguration configuration, TimeProvider clock, ILogger<DeskSweep> logger)
    : BackgroundService
{
    /// <summary>
    /// The organizations each pass visits: those that ever had a case (one counter row each). Asking the cases
    /// themselves for their distinct organizations read the whole of a cases index every minute.
    /// </summary>
    public static Task<List<Guid>> OrganizationsWithCasesAsync(CerchioDb db, CancellationToken ct) =>
        db.Set<CaseCounter>().Select(c => c.OrganizationId).ToListAsync(ct);

    private TimeSpan Interval => configuration.GetValue("ServiceDesk:SweepInterval", TimeSpan.FromMinutes(1));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval <= TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // First wait, then work: a starting instance has other things to do.
                await Task.Delay(Interval, clock, stoppingToken);
                await alerts.RunAsync(stoppingToken);
                await autoClose.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be away: nothing is lost, the next pass finds the same cases.
                logger.LogWarning(e, "The desk sweep (SLA alerts, auto-close) failed; trying again in {Interval}.", Interval);
            }
        }
    }
}
