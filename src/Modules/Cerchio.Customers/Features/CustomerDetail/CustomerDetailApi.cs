using Cerchio.Ui.Api;
using Cerchio.Customers.Domain;
using Cerchio.Customers.Contracts;
using Cerchio.Customers.Features.Records;
using Cerchio.Data;
using Cerchio.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Customers.Features.CustomerDetail;

internal static class CustomerDetailApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/customers/{customerId:guid}", GetAsync)
            .WithName("GetCustomer")
            .WithSummary("One customer. A customer merged into another answers with the one it was merged into.");
        api.MapGet("/customers/{customerId:guid}/timeline", TimelineAsync)
            .WithName("GetCustomerTimeline")
            .WithSummary("The customer's events, newest first, paged.");
        api.MapGet("/customers/{customerId:guid}/contacts", ContactsAsync)
            .WithName("ListContacts")
            .WithSummary("The contacts of a company customer.");
        api.MapPost("/customers/{customerId:guid}/contacts", AddContactAsync)
            .WithName("AddContact")
            .WithSummary("Adds a contact to a customer; recorded on its timeline.");
    }

    /// <summary>The customer, following a merge to the surviving record.</summary>
    internal static async Task<Customer?> ResolveAsync(CustomerRecords records, Guid id, CancellationToken ct)
    {
        var customer = await records.FindAsync(id, ct);
        return customer?.MergedIntoId is { } survivor ? await records.FindAsync(survivor, ct) : customer;
    }

    private static async Task<Results<Ok<CustomerDto>, ProblemHttpResult>> GetAsync(Guid customerId, CustomerRecords records, CancellationToken ct) =>
        await ResolveAsync(records, customerId, ct) is { } customer
            ? TypedResults.Ok(CustomerDto.From(customer))
            : ApiResults.NotFound("customer");

    private static async Task<Results<Ok<PageDto<TimelineEventDto>>, ProblemHttpResult>> TimelineAsync(
        Guid customerId, int? page, [FromQuery(Name = "page_size")] int? pageSize, CustomerRecords records, CustomerTimeline timeline, Loc l, CancellationToken ct)
    {
        if (await ResolveAsync(records, customerId, ct) is not { } customer)
        {
            return ApiResults.NotFound("customer");
        }

        var result = await timeline.PageAsync(customer.Id, page, pageSize, ct);
        return TypedResults.Ok(new PageDto<TimelineEventDto>(
            result.Items.Select(e => TimelineEventDto.From(e, l[EventTypes.Label(e.Type)])).ToList(), result.Number, result.Size, result.Total));
    }

    private static async Task<Results<Ok<List<ContactDto>>, ProblemHttpResult>> ContactsAsync(Guid customerId, CustomerRecords records, CancellationToken ct) =>
        await ResolveAsync(records, customerId, ct) is { } customer
            ? TypedResults.Ok(customer.Contacts.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).Select(ContactDto.From).ToList())
            : ApiResults.NotFound("customer");

    private static async Task<Results<Created<ContactDto>, ProblemHttpResult, ValidationProblem>> AddContactAsync(
        Guid customerId, ContactInput input, CustomerRecords records, CerchioDb db, TimeProvider clock, Loc l, CancellationToken ct)
    {
        if (await ResolveAsync(records, customerId, ct) is not { } customer)
        {
            return ApiResults.NotFound("customer");
        }

        var consent = input.SurveyConsent is { } given ? Consent.Write(given) : null;
        var errors = Contact.Validate(input.FirstName, input.LastName, input.Email, input.Phone, input.JobTitle, input.Language, consent);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors, l);
        }

        var contact = Contact.Of(input.FirstName, input.LastName, input.Email, input.Phone, input.JobTitle, input.Language, consent, clock.GetUtcNow());
        records.AddContact(customer, contact);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/customers/{customer.Id}/contacts", ContactDto.From(contact));
    }
}
