using Cerchio.Data;
using Cerchio.Service.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.OpenCase;
using Cerchio.Text;
using Cerchio.Ui.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.HandOffs;

internal static class HandOffApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/cases/{number:int}/hand-offs", RequestAsync).WithName("HandOffCase")
            .WithSummary("Asks a department (optionally one person) for something from the case; the case waits on that department until it answers.");
        api.MapGet("/hand-offs", ListAsync).WithName("ListHandOffs")
            .WithSummary("Hand-offs of the organization, open ones first by due time; status=open|answered filters.");
        api.MapPost("/hand-offs/{handOffId:guid}/answer", AnswerAsync).WithName("AnswerHandOff")
            .WithSummary("The department's answer: it joins the case, which goes back to its agent.");
    }

    private static async Task<Results<Created<HandOffDto>, ProblemHttpResult, ValidationProblem>> RequestAsync(
        int number, HandOffInput input, CaseDesk desk, HandOffs handOffs, Loc l, CancellationToken ct)
    {
        if (await desk.FindAsync(number, ct) is not { } found)
        {
            return ApiResults.NotFound("case");
        }

        var (handOff, errors) = await handOffs.RequestAsync(found, input.DepartmentId, input.AssigneeId, input.Text, input.DueAt, ct);
        return errors.Any
            ? ApiResults.Invalid(errors, l)
            : TypedResults.Created($"/api/v1/hand-offs/{handOff!.Id}", HandOffDto.From(handOff, number));
    }

    private static async Task<Results<Ok<List<HandOffDto>>, ValidationProblem>> ListAsync(string? status, CerchioDb db, Loc l, CancellationToken ct)
    {
        var query = db.Set<HandOff>().AsNoTracking();
        switch (status?.Trim().ToLowerInvariant())
        {
            case null or "":
                break;
            case "open":
                query = query.Where(h => h.Status == HandOffStatus.Open);
                break;
            case "answered":
                query = query.Where(h => h.Status == HandOffStatus.Answered);
                break;
            default:
                return ApiResults.Invalid("status", "'{0}' deve essere uno tra {1}.", l, "status", "open, answered");
        }

        var rows = await (from h in query
                          join c in db.Set<Case>() on h.CaseId equals c.Id
                          orderby h.Status, h.DueAt
                          select new { h, c.Number }).Take(500).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => HandOffDto.From(r.h, r.Number)).ToList());
    }

    private static async Task<Results<Ok<HandOffDto>, ProblemHttpResult, ValidationProblem>> AnswerAsync(
        Guid handOffId, HandOffAnswerInput input, HandOffs handOffs, CerchioDb db, Loc l, CancellationToken ct)
    {
        if (await handOffs.FindAsync(handOffId, ct) is not { } handOff)
        {
            return ApiResults.NotFound("hand-off");
        }

        var errors = await handOffs.AnswerAsync(handOff, input.Text, ct);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors, l);
        }

        var number = await db.Set<Case>().Where(c => c.Id == handOff.CaseId).Select(c => c.Number).FirstAsync(ct);
        return TypedResults.Ok(HandOffDto.From(handOff, number));
    }
}
