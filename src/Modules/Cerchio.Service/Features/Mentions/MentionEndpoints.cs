using Cerchio.Service.Features.Desk;
using Cerchio.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Service.Features.Mentions;

/// <summary>The people the note composer offers after "@" (js/mentions.js): names only, of the current organization's active members.</summary>
internal static class MentionEndpoints
{
    public const string Path = "/assistenza/menzioni";
    public const int Take = 8;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, SuggestAsync)
            .RequireAuthorization(Permissions.WorkCases)
            .ExcludeFromDescription();

    /// <summary>Names that start with what was typed come first, then names with a word that does ("@ros" finds "Mario Rossi").</summary>
    private static async Task<Ok<List<MentionSuggestion>>> SuggestAsync(string? q, DeskDirectory directory, OrganizationContext tenant, CancellationToken ct)
    {
        var typed = (q ?? "").Trim();
        var members = await directory.MembersAsync(ct);
        var found = members
            .Where(m => m.UserId != tenant.UserId && m.Name.Trim().Length > 0)
            .Select(m => (Member: m, Rank: Rank(m.Name, typed)))
            .Where(m => m.Rank < 2)
            .OrderBy(m => m.Rank).ThenBy(m => m.Member.Name, StringComparer.CurrentCultureIgnoreCase)
            .Take(Take)
            .Select(m => new MentionSuggestion(m.Member.Name.Trim()))
            .ToList();
        return TypedResults.Ok(found);
    }

    private static int Rank(string name, string typed) =>
        MentionText.StartsLike(name, typed) ? 0
        : name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => MentionText.StartsLike(w, typed)) ? 1
        : 2;
}

internal sealed record MentionSuggestion(string Name);
