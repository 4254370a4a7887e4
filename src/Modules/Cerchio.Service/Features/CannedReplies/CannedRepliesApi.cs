using Cerchio.Service.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Service.Features.CannedReplies;

internal static class CannedRepliesApi
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/canned-replies", ListAsync)
            .WithName("CannedReplies")
            .WithSummary("The organization's canned replies, by title, with their placeholders as written.");

    private static async Task<Ok<List<CannedReplyDto>>> ListAsync(CannedReplies replies, CancellationToken ct) =>
        TypedResults.Ok((await replies.ListAsync(ct)).Select(r => new CannedReplyDto(r.Id, r.Title, r.Body, r.Language, r.CreatedAt, r.UpdatedAt)).ToList());
}
