using Cerchio.Ui.Api;
using Cerchio.Customers.Contracts;
using Cerchio.Customers.Features.Records;
using Cerchio.Data;
using Cerchio.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Customers.Features.EditCustomer;

internal static class EditCustomerApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/customers", CreateAsync)
            .WithName("CreateCustomer")
            .WithSummary("Creates a customer. A duplicate external_id is refused with a validation problem.");
        api.MapPut("/customers/{customerId:guid}", ReplaceAsync)
            .WithName("ReplaceCustomer")
            .WithSummary("Replaces a customer's details; the change is recorded on its timeline.");
    }

    private static async Task<Results<Created<CustomerDto>, ValidationProblem>> CreateAsync(
        CustomerInput input, CustomerRecords records, Loc l, CancellationToken ct)
    {
        var (details, errors) = input.ToDetails();
        if (errors.Any)
        {
            return ApiResults.Invalid(errors, l);
        }

        var (customer, validation) = await records.CreateAsync(details, "api", ct);
        if (customer is null)
        {
            return ApiResults.Invalid(validation, l);
        }

        if (await records.SaveAsync(ct) is { Any: true } lost)
        {
            return ApiResults.Invalid(lost, l);
        }

        return TypedResults.Created($"/api/v1/customers/{customer.Id}", CustomerDto.From(customer));
    }

    private static async Task<Results<Ok<CustomerDto>, ProblemHttpResult, ValidationProblem>> ReplaceAsync(
        Guid customerId, CustomerInput input, CustomerRecords records, Loc l, CancellationToken ct)
    {
        var customer = await records.FindAsync(customerId, ct);
        if (customer is null || customer.MergedIntoId is not null)
        {
            return ApiResults.NotFound("customer");
        }

        var (details, errors) = input.ToDetails();
        if (errors.Any)
        {
            return ApiResults.Invalid(errors, l);
        }

        errors = await records.UpdateAsync(customer, details, "api", ct);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors, l);
        }

        if (await records.SaveAsync(ct) is { Any: true } lost)
        {
            return ApiResults.Invalid(lost, l);
        }

        return TypedResults.Ok(CustomerDto.From(customer));
    }
}
