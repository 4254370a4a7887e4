using Cerchio.Data;
using Cerchio.Service.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cerchio.Service.Features.TouchpointDays;

/// <summary>
/// Marks the touchpoint days a save changes, in that same save: a case opened, or changed in anything its touchpoint's
/// figures read (both its old and its new touchpoint when that changes). Whoever changes a case, through whatever
/// feature, marks its day; nothing has to remember to.
/// </summary>
internal sealed class TouchpointDayMarks : ModuleSaveInterceptor
{
    private static readonly string[] Read =
    [
        nameof(Case.TouchpointCode), nameof(Case.CreatedAt), nameof(Case.IsComplaint), nameof(Case.FirstResponseAt),
        nameof(Case.ResolvedAt), nameof(Case.WaitedOnCustomer), nameof(Case.FirstResponseDueAt), nameof(Case.ResolutionDueAt),
        nameof(Case.SlaPausedAt), nameof(Case.MergedIntoId),
    ];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Mark(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Mark(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var days = new HashSet<(Guid, string, DateOnly)>();
        foreach (var entry in context.ChangeTracker.Entries<Case>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    Add(days, entry, original: false);
                    break;
                case EntityState.Modified when Read.Any(p => entry.Property(p).IsModified):
                    Add(days, entry, original: true);
                    Add(days, entry, original: false);
                    break;
                case EntityState.Deleted:
                    Add(days, entry, original: true);
                    break;
            }
        }

        foreach (var (organizationId, code, day) in days)
        {
            context.Add(new TouchpointDayMark { Id = Ids.New(), OrganizationId = organizationId, TouchpointCode = code, Day = day });
        }
    }

    private static void Add(HashSet<(Guid, string, DateOnly)> days, EntityEntry<Case> entry, bool original)
    {
        var code = original ? entry.Property(c => c.TouchpointCode).OriginalValue : entry.Entity.TouchpointCode;
        var created = original ? entry.Property(c => c.CreatedAt).OriginalValue : entry.Entity.CreatedAt;
        if (code is not null)
        {
            days.Add((entry.Entity.OrganizationId, code, DayOf(created)));
        }
    }

    /// <summary>The UTC day an instant falls on: the days' one key, whatever the organization's time zone.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);
}
