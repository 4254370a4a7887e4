using Cerchio.Customers.Contracts;
using Cerchio.Feedback.Contracts;
using Cerchio.Feedback.Features.Loops;
using Cerchio.Feedback.Features.Surveys;
using Cerchio.Ui.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Feedback.Features.CustomerVoice;

internal static class CustomerVoiceApi
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/customers/{customerId:guid}/voice", GetAsync).WithName("GetCustomerVoice")
            .WithSummary("What a customer said: the relationship NPS (each respondent's latest NPS of the last 12 months, several contacts of a company counted once each), the latest answers and the open loops.");

    private static async Task<Results<Ok<CustomerVoiceDto>, ProblemHttpResult>> GetAsync(
        Guid customerId, ICustomerDirectory customers, CustomerVoice voice, TimeProvider clock, CancellationToken ct)
    {
        if (await customers.GetAsync(customerId, ct) is null)
        {
            return ApiResults.NotFound("customer");
        }

        var v = await voice.OfAsync(customerId, ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new CustomerVoiceDto(
            customerId,
            new RelationshipNpsDto(v.Relationship.Answers, v.Relationship.Value, v.Relationship.Margin, v.Relationship.Promoters, v.Relationship.Detractors, CustomerVoice.Months, v.FromRelationshipSurveys),
            v.Respondents.Select(r => new RespondentScoreDto(r.Name, r.Email, r.Score, r.AnsweredAt, r.AnswerId)).ToList(),
            v.Latest.Select(SurveysApi.Dto).ToList(),
            v.OpenLoops.Select(l => LoopsApi.Dto(l, null, now)).ToList()));
    }
}
