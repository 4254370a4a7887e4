using System.Text.Json;
using Cerchio.Customers.Domain;
using Cerchio.Customers.Features.ImportCustomers;
using Cerchio.Customers.Features.Records;
using Cerchio.Tenancy;
using Cerchio.Text;
using Cerchio.Ui.Export;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Customers.Features.ExportCustomers;

/// <summary>
/// /clienti/export.csv and /clienti/export.xlsx: every active customer the list shows for the same q/tipo (all
/// pages), every field and one column per custom attribute. The headers are the import's field names, so an
/// export imports back as it is.
/// </summary>
internal static class ExportCustomersEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapListExport("/clienti/export", Permissions.ViewCustomers, context => ExportAsync(
            context.RequestServices.GetRequiredService<CustomerRecords>(), context.RequestServices.GetRequiredService<Loc>(),
            context.RequestServices.GetRequiredService<TimeProvider>(), context.Request.Query["q"], context.Request.Query["tipo"], context.RequestAborted));

    private static async Task<ListExportData> ExportAsync(CustomerRecords records, Loc l, TimeProvider clock, string? q, string? tipo, CancellationToken ct)
    {
        var query = CustomerRecords.Filter(records.Active.AsNoTracking(), q, CustomerFilters.FromTipo(tipo));
        // One pass over the attributes alone to know the columns; the rows themselves stream afterwards.
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var json in query.Where(c => c.Attributes != "{}").Select(c => c.Attributes).AsAsyncEnumerable().WithCancellation(ct))
        {
            using var document = JsonDocument.Parse(json);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                keys.Add(property.Name);
            }
        }

        var headers = ImportFields.All.Select(f => l[ImportFields.Label(f)]).ToList();
        headers.AddRange(keys.Select(k => headers.Contains(k, StringComparer.OrdinalIgnoreCase) ? $"{k} ({l["attributo"]})" : k));
        var rows = query.OrderBy(c => c.Name).ThenBy(c => c.Id).AsAsyncEnumerable()
            .Select(c => (IReadOnlyList<string?>)Row(c, keys, l));
        return new ListExportData($"{l["clienti"]}-{clock.GetUtcNow():yyyy-MM-dd}", headers, rows);
    }

    private static string?[] Row(Customer c, SortedSet<string> keys, Loc l)
    {
        var attributes = c.Attributes == "{}" ? [] : c.GetAttributes();
        string?[] fields =
        [
            l[c.Kind == CustomerKind.Person ? "persona" : "azienda"], c.Name, c.FirstName, c.LastName, c.VatNumber, c.FiscalCode,
            c.Email, c.Phone, c.Address, c.PostalCode, c.City, c.Province, c.Country, c.ExternalId,
            c.Language, c.SurveyConsent is { } consent ? l[consent ? "sì" : "no"] : null,
        ];
        return [.. fields, .. keys.Select(k => attributes.GetValueOrDefault(k))];
    }
}
