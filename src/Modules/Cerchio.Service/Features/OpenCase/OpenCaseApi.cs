using Cerchio.Customers.Contracts;
using Cerchio.Service.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Text;
using Cerchio.Touchpoints;
using Cerchio.Ui.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Service.Features.OpenCase;

internal static class OpenCaseApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/cases", CreateAsync)
            .WithName("CreateCase")
            .WithSummary("Opens a case for a customer named by external_id, email or vat_number. A repeated external_id returns the case it opened (200).");
    }

    private static async Task<Results<Created<CaseDto>, Ok<CaseDto>, ValidationProblem>> CreateAsync(
        CaseInput input, CaseDesk desk, ICustomerDirectory customers, ITouchpointCatalog touchpoints, Loc l, CancellationToken ct)
    {
        var (request, errors) = await ParseAsync(input, customers, touchpoints, ct);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors, l);
        }

        var (opened, created) = await desk.OpenAsync(request!, ct);
        var dto = CaseDto.From(opened);
        return created ? TypedResults.Created($"/api/v1/cases/{opened.Number}", dto) : TypedResults.Ok(dto);
    }

    private static async Task<(NewCase? Request, Errors Errors)> ParseAsync(
        CaseInput input, ICustomerDirectory customers, ITouchpointCatalog touchpoints, CancellationToken ct)
    {
        var errors = new Errors();
        var subject = input.Subject?.Trim();
        if (string.IsNullOrEmpty(subject))
        {
            errors.Add("subject", "'subject' è obbligatorio.");
        }
        else if (subject.Length > Data.Limits.Subject)
        {
            errors.Add("subject", "'subject' può avere al massimo {0} caratteri.", Data.Limits.Subject);
        }

        var channel = Pick("channel", input.Channel, CaseNames.Channels, null, errors);
        var type = Pick("type", input.Type, CaseNames.Types, CaseType.Request, errors);
        var priority = Pick("priority", input.Priority, CaseNames.Priorities, CasePriority.Normal, errors);

        var touchpoint = input.Touchpoint?.Trim();
        if (!string.IsNullOrEmpty(touchpoint) && await touchpoints.FindAsync(touchpoint, ct) is null)
        {
            errors.Add("touchpoint", "Touchpoint sconosciuto: '{0}'.", touchpoint);
        }

        if (input.Text is { Length: > Data.Limits.Text })
        {
            errors.Add("text", "'text' può avere al massimo {0} caratteri.", Data.Limits.Text);
        }

        var externalId = input.ExternalId?.Trim();
        if (externalId is { Length: > 100 })
        {
            errors.Add("external_id", "'external_id' può avere al massimo {0} caratteri.", 100);
        }

        CustomerSummary? customer = null;
        var reference = new CustomerReference(input.Customer?.ExternalId, input.Customer?.Email, input.Customer?.VatNumber);
        if (reference.IsEmpty)
        {
            errors.Add("customer", "'customer' deve indicare external_id, email o vat_number.");
        }
        else if ((customer = await customers.FindAsync(reference, ct)) is null)
        {
            errors.Add("customer", "Nessun cliente corrisponde a questo riferimento.");
        }

        return errors.Any
            ? (null, errors)
            : (new NewCase(subject!, channel!.Value, type!.Value, priority!.Value, customer!.Id, customer.Name, customer.Email,
                string.IsNullOrEmpty(touchpoint) ? null : touchpoint.ToLowerInvariant(), input.Text?.Trim(), string.IsNullOrEmpty(externalId) ? null : externalId), errors);
    }

    /// <summary>One of the names the API documents; missing: the default (or an error when there is none).</summary>
    internal static T? Pick<T>(string field, string? value, IReadOnlyDictionary<string, T> names, T? fallback, Errors errors)
        where T : struct
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (fallback is null)
            {
                errors.Add(field, "'{0}' è obbligatorio: uno tra {1}.", field, string.Join(", ", names.Keys));
            }

            return fallback;
        }

        if (names.TryGetValue(value.Trim().ToLowerInvariant(), out var found))
        {
            return found;
        }

        errors.Add(field, "'{0}' deve essere uno tra {1}.", field, string.Join(", ", names.Keys));
        return null;
    }
}
