using Cerchio.Customers.Contracts;
using Cerchio.Feedback.Contracts;
using Cerchio.Touchpoints;
using Microsoft.AspNetCore.Http;

namespace Cerchio.Feedback.Features.Scores;

/// <summary>
/// Which answers a list shows: of one survey, one touchpoint, one kind of score (the journey card's metric), the
/// customers of one attribute (a persona's cut), one sentiment, one topic. The page and its exports read it from the
/// same Italian query string, so an export holds exactly what the page lists.
/// </summary>
internal sealed record AnswerFilter(
    Guid? SurveyId = null, string? Touchpoint = null, SurveyKind? Kind = null, IReadOnlyCollection<Guid>? Customers = null, string? Sentiment = null, string? Topic = null,
    TouchpointAudience? Audience = null)
{
    public static bool IsSentiment(string? value) => value is "negative" or "neutral" or "positive";

    /// <summary>The filter of ?sondaggio=&amp;touchpoint=&amp;metrica=&amp;cliente=&amp;attributo=&amp;valore=&amp;sentiment=&amp;tema=; what makes no sense is left out.</summary>
    public static async Task<AnswerFilter> ReadAsync(IQueryCollection query, ICustomerDirectory customers, CancellationToken ct = default)
    {
        static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

        var (attribute, value) = (Text(query["attributo"]), Text(query["valore"]));
        // One customer (from its page) wins over the customers of an attribute (a persona's cut).
        var customer = Guid.TryParse(query["cliente"], out var id) ? id : (Guid?)null;
        var audience = customer is not null || attribute is null || value is null ? null : new TouchpointAudience(attribute, value);
        return new AnswerFilter(
            Guid.TryParse(query["sondaggio"], out var survey) ? survey : null,
            Text(query["touchpoint"]),
            query["metrica"].ToString() switch
            {
                SurveyTouchpointMetrics.Nps => SurveyKind.Nps, SurveyTouchpointMetrics.Csat => SurveyKind.Csat, SurveyTouchpointMetrics.Ces => SurveyKind.Ces, _ => null,
            },
            customer is { } one ? [one] : audience is null ? null : await customers.IdsWithAttributeAsync(audience.Attribute, audience.Value, ct),
            IsSentiment(query["sentiment"]) ? query["sentiment"].ToString() : null,
            Text(query["tema"])?.ToLowerInvariant(),
            audience);
    }
}
