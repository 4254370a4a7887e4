using Cerchio.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Customers.Features.ImportCustomers;

internal static class ImportEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/clienti/importazioni/{importId:guid}/avanzamento", ProgressAsync)
            .RequireAuthorization(Permissions.ImportCustomers)
            .ExcludeFromDescription();

    /// <summary>The progress fragment the job page polls with htmx.</summary>
    private static async Task<Results<RazorComponentResult<ImportProgress>, NotFound>> ProgressAsync(Guid importId, ImportJobs imports, CancellationToken ct)
    {
        return await imports.Jobs.AnyAsync(j => j.Id == importId, ct)
            ? new RazorComponentResult<ImportProgress>(new Dictionary<string, object?> { [nameof(ImportProgress.JobId)] = importId })
            : TypedResults.NotFound();
    }
}
