using System.Globalization;
using Cerchio.Service.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Text;
using Cerchio.Ui.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Service.Features.Search;

internal static class SearchApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/search", SearchAsync)
            .WithName("Search")
            .WithSummary("Full-text search over cases (subject and messages), messages and notes, and customers. q: the words, "
                + "all required, accents ignored, each a prefix from three letters; status: case statuses, comma-separated; "
                + "from/to: days (yyyy-MM-dd, Italian time) when the case was opened or the message written. Snippets are "
                + "HTML-encoded with matches in <mark>. A q with no words gives empty lists.");
    }

    private static async Task<Results<Ok<SearchResultsDto>, ValidationProblem>> SearchAsync(
        string? q, string? status, string? from, string? to, DeskSearch search, Loc l, CancellationToken ct)
    {
        var errors = new Errors();
        var statuses = ParseStatuses(status, "status", errors);
        var fromDay = ParseDay(from, "from", errors);
        var toDay = ParseDay(to, "to", errors);
        if (fromDay > toDay)
        {
            errors.Add("from", "'from' non può essere successivo a 'to'.");
        }

        if (errors.Any)
        {
            return ApiResults.Invalid(errors, l);
        }

        var found = await search.SearchAsync(q, new DeskSearchFilter(statuses, fromDay, toDay), DeskSearch.PerKind, ct);
        return TypedResults.Ok(new SearchResultsDto(
            found.Cases.Select(c => new CaseSearchHitDto(
                c.Id, c.Number, c.Subject, CaseNames.Of(c.Status), c.CreatedAt, c.MatchingMessages, c.SnippetHtml, Finite(c.Score))).ToList(),
            found.Messages.Select(m => new MessageSearchHitDto(
                m.Id, m.CaseId, m.CaseNumber, m.CaseSubject, CaseNames.Of(m.CaseStatus), CaseEntryDto.KindName(m.Kind), m.At, m.SnippetHtml, Finite(m.Score))).ToList(),
            found.Customers.Select(c => new CustomerSearchHitDto(
                c.Customer.Id, c.Customer.Name, c.Customer.IsCompany, c.Customer.Email, c.Customer.City, c.Customer.ExternalId, c.SnippetHtml, Finite(c.Score))).ToList()));
    }

    /// <summary>Status names, comma-separated ("open,waiting_on_customer"); empty means every status.</summary>
    internal static List<CaseStatus> ParseStatuses(string? value, string field, Errors errors)
    {
        var statuses = new List<CaseStatus>();
        foreach (var name in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (CaseNames.Statuses.TryGetValue(name.ToLowerInvariant(), out var s))
            {
                statuses.Add(s);
            }
            else
            {
                errors.Add(field, "'{0}' deve essere uno tra {1}.", field, string.Join(", ", CaseNames.Statuses.Keys));
                break;
            }
        }

        return statuses;
    }

    private static DateOnly? ParseDay(string? value, string field, Errors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(field, "'{0}' deve essere una data nel formato AAAA-MM-GG.", field);
        return null;
    }

    // JSON has no NaN or infinity: a score that is not a number would fail the whole answer.
    private static double Finite(double score) => double.IsFinite(score) ? score : 0;
}
