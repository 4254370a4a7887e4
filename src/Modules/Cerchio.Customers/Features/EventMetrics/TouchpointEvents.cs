using Cerchio.Customers.Domain;
using Cerchio.Data;
using Cerchio.Paging;
using Cerchio.Text;
using Cerchio.Touchpoints;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Customers.Features.EventMetrics;

/// <summary>An event of the list with its customer's name (null if that customer is no longer there).</summary>
internal sealed record TouchpointEventRow(TimelineEvent Event, string? Customer);

/// <summary>
/// The period, touchpoint and customers (attributo/valore, as the journey map cuts them) the list was asked for, read
/// from the address; errors name the field (dal, al).
/// </summary>
internal sealed record TouchpointEventsQuery(string? Touchpoint, DateOnly From, DateOnly To, Errors Errors, TouchpointAudience? Audience = null);

/// <summary>
/// The events behind a journey card's events number: the same query <see cref="EventTouchpointMetrics"/> counts, for
/// one touchpoint (or all of them) and the organization's days, newest first, a page at a time.
/// </summary>
internal sealed class TouchpointEvents(CerchioDb db, EventTouchpointMetrics metrics, ITouchpointCatalog catalog, IOrganizationTimeZone zone, TimeProvider clock)
{
    public const string Path = "/clienti/eventi";
    public const int PageSize = 50;

    // The range an address may ask for: past it a day has no meaning here (and the calendar's ends are no instants a database keeps).
    private static readonly DateOnly First = new(2000, 1, 1);
    private static readonly DateOnly Last = new(2100, 12, 31);

    public const string AttributeParameter = "attributo";
    public const string ValueParameter = "valore";

    public static string PathOf(string touchpoint, DateOnly from, DateOnly to, TouchpointAudience? audience = null) =>
        $"{Path}?touchpoint={Uri.EscapeDataString(touchpoint)}&dal={Times.FormDate(from)}&al={Times.FormDate(to)}"
        + (audience is null ? "" : $"&{AttributeParameter}={Uri.EscapeDataString(audience.Attribute)}&{ValueParameter}={Uri.EscapeDataString(audience.Value)}");

    /// <summary>
    /// The filters from the address: days as yyyy-MM-dd, by default the last 30 days to today (the map's default);
    /// the touchpoint in the catalog's spelling when the catalog knows it, as given otherwise (an archived one keeps its events);
    /// the customers' attribute and value both given, or no filter on customers.
    /// </summary>
    public async Task<TouchpointEventsQuery> ReadAsync(
        string? touchpoint, string? dal, string? al, string? attribute = null, string? value = null, CancellationToken ct = default)
    {
        var errors = new Errors();
        var today = Times.DayIn(clock.GetUtcNow(), await zone.GetAsync(ct));
        var to = Day(al, today, "al", errors);
        var from = Day(dal, to.AddDays(-29), "dal", errors);
        if (!errors.Any && to < from)
        {
            errors.Add("al", "La data finale viene prima di quella iniziale.");
        }

        var code = string.IsNullOrWhiteSpace(touchpoint) ? null : touchpoint.Trim();
        if (code is not null && await catalog.FindAsync(code, ct) is { } known)
        {
            code = known.Code;
        }

        // Overlong text is not a filter anyone wrote: ignored, like half of one.
        var audience = string.IsNullOrWhiteSpace(attribute) || string.IsNullOrWhiteSpace(value) || attribute.Length > 200 || value.Length > 500
            ? null : new TouchpointAudience(attribute.Trim(), value.Trim());
        return new TouchpointEventsQuery(code, from, to, errors, audience);
    }

    public async Task<Page<TouchpointEventRow>> PageAsync(TouchpointEventsQuery query, int? page, CancellationToken ct = default)
    {
        var events = await metrics.CountedAsync(query.From, query.To, query.Audience, ct);
        if (query.Touchpoint is { } code)
        {
            events = events.Where(e => e.TouchpointCode == code);
        }

        var listed = await events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).ToPageAsync(page, PageSize, PageSize, ct: ct);
        var ids = listed.Items.Select(e => e.CustomerId).Distinct().ToList();
        var names = await db.Set<Customer>().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return new Page<TouchpointEventRow>(
            listed.Items.Select(e => new TouchpointEventRow(e, names.GetValueOrDefault(e.CustomerId))).ToList(), listed.Number, listed.Size, listed.Total);
    }

    private static DateOnly Day(string? text, DateOnly fallback, string field, Errors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (Times.ParseFormDate(text) is { } day && day >= First && day <= Last)
        {
            return day;
        }

        errors.Add(field, "Data non valida: scrivila come 2026-11-30, tra il 2000 e il 2100.");
        return fallback;
    }
}
