using Cerchio.Customers.Contracts;
using Cerchio.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Service.Features.QuickCapture;

internal static class QuickCaptureEndpoints
{
    public const int Matches = 8;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/assistenza/nuova/clienti", CustomersAsync)
            .RequireAuthorization(Permissions.WorkCases)
            .ExcludeFromDescription();

    /// <summary>The customers matching what the agent typed, as the radio buttons htmx swaps into the quick-capture form.</summary>
    private static async Task<RazorComponentResult<CustomerChoices>> CustomersAsync([FromQuery] string? q, ICustomerDirectory customers, CancellationToken ct)
    {
        var query = Clean(q);
        var found = query is null ? [] : await customers.SearchAsync(query, Matches, ct);
        return new RazorComponentResult<CustomerChoices>(new Dictionary<string, object?>
        {
            [nameof(CustomerChoices.Customers)] = found,
            [nameof(CustomerChoices.Query)] = query,
        });
    }

    /// <summary>A search as typed, trimmed; nothing for blank, at most 100 characters (a name, not a document).</summary>
    public static string? Clean(string? q)
    {
        var text = q?.Trim();
        return string.IsNullOrEmpty(text) ? null : text.Length > 100 ? text[..100] : text;
    }
}
