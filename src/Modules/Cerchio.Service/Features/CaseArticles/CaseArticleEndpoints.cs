using Cerchio.Service.Features.OpenCase;
using Cerchio.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Service.Features.CaseArticles;

/// <summary>
/// GET /assistenza/pratiche/{number}/articoli?q=: the articles found as the agent types, as the fragment htmx swaps in
/// under the case page's search box (without JavaScript the box's form reloads the page with the same list).
/// POST /assistenza/pratiche/{number}/articoli/{articleId} (modo=testo|link): the text or the public link, as plain
/// text, for js/article-insert.js to put at the cursor, the use recorded; without JavaScript the buttons post the
/// reply form instead. Another organization's case or article is simply not found: the query filters see only this one's.
/// </summary>
internal static class CaseArticleEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet($"{CaseDesk.PagePath}/{{number:int}}/articoli", SearchAsync)
            .RequireAuthorization(Permissions.ViewCases)
            .ExcludeFromDescription();
        app.MapPost($"{CaseDesk.PagePath}/{{number:int}}/articoli/{{articleId:guid}}", InsertAsync)
            .RequireAuthorization(Permissions.WorkCases)
            .ExcludeFromDescription();
    }

    private static async Task<Results<RazorComponentResult<ArticleChoices>, NotFound>> SearchAsync(int number, [FromQuery] string? q, CaseDesk desk, CaseArticles articles, CancellationToken ct)
    {
        if (await desk.FindAsync(number, ct) is null)
        {
            return TypedResults.NotFound();
        }

        return new RazorComponentResult<ArticleChoices>(new Dictionary<string, object?>
        {
            [nameof(ArticleChoices.Articles)] = CaseArticles.Choices(await articles.SearchAsync(q, ct)),
            [nameof(ArticleChoices.Query)] = CaseArticles.Clean(q),
        });
    }

    /// <param name="modo">"testo" or "link".</param>
    private static async Task<IResult> InsertAsync(int number, Guid articleId, [FromForm] string? modo, HttpContext context, CaseDesk desk, CaseArticles articles, CancellationToken ct)
    {
        ArticleInsert? what = modo switch { "testo" => ArticleInsert.Text, "link" => ArticleInsert.Link, _ => null };
        var c = await desk.FindAsync(number, ct);
        if (c is null)
        {
            return TypedResults.NotFound();
        }

        if (what is null)
        {
            return TypedResults.BadRequest();
        }

        // A merged case takes no replies: its page offers nothing to insert.
        if (c.MergedIntoNumber is not null)
        {
            return TypedResults.Conflict();
        }

        var (text, refusal) = await articles.InsertAsync(c, articleId, what.Value, context.Request, ct);
        return refusal switch
        {
            null => TypedResults.Text(text, "text/plain; charset=utf-8"),
            CaseArticles.NotPublic => TypedResults.Conflict(),
            _ => TypedResults.NotFound(),
        };
    }
}
