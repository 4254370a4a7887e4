using Cerchio.Service.Features.OpenCase;
using Cerchio.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Service.Features.CannedReplies;

/// <summary>
/// GET /assistenza/pratiche/{number}/risposte-predefinite/{id}: a canned reply with this case's placeholders filled in,
/// as plain text, for js/canned-replies.js to put where the agent's cursor is — no post back, so the files already
/// chosen and the text around the cursor stay. Without JavaScript the picker's "Inserisci" posts the form instead.
/// </summary>
internal static class CannedReplyInsert
{
    public static string PathOf(int number) => $"{CaseDesk.PageOf(number)}/risposte-predefinite";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet($"{CaseDesk.PagePath}/{{number:int}}/risposte-predefinite/{{cannedReplyId:guid}}", ExpandAsync)
            .RequireAuthorization(Permissions.WorkCases)
            .ExcludeFromDescription();

    private static async Task<IResult> ExpandAsync(int number, Guid cannedReplyId, CaseDesk desk, CannedReplies replies, CancellationToken ct)
    {
        // Another organization's case or reply is simply not found: the query filters see only this one's.
        var c = await desk.FindAsync(number, ct);
        return c is not null && await replies.ExpandForAsync(cannedReplyId, c, ct) is { } text
            ? TypedResults.Text(text, "text/plain; charset=utf-8")
            : TypedResults.NotFound();
    }
}
