using Cerchio.Customers.Contracts;
using Cerchio.Customers.Features.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Customers.Features.ListCustomers;

internal static class ListCustomersApi
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/customers", ListAsync)
            .WithName("ListCustomers")
            .WithSummary("Lists the organization's customers, optionally searched and filtered by kind (company, person).");

    private static async Task<Ok<PageDto<CustomerDto>>> ListAsync(
        CustomerRecords records, string? q, string? kind, int? page, [FromQuery(Name = "page_size")] int? pageSize, CancellationToken ct)
    {
        var filter = kind switch
        {
            "company" => CustomerFilter.Companies,
            "person" => CustomerFilter.People,
            _ => CustomerFilter.All,
        };
        var result = await records.ListAsync(q, filter, page, pageSize, ct);
        return TypedResults.Ok(new PageDto<CustomerDto>(result.Items.Select(CustomerDto.From).ToList(), result.Number, result.Size, result.Total));
    }
}
