using Cerchio.Service.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Markdown;
using Cerchio.Text;
using Cerchio.Ui.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Service.Features.Knowledge;

internal static class KnowledgeApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/articles", ListAsync).WithName("ListArticles")
            .WithSummary("Knowledge articles by category and title; with q, those matching the words, best first, each with a snippet.");
        api.MapGet("/articles/{articleId:guid}", GetAsync).WithName("GetArticle").WithSummary("One knowledge article.");
        api.MapPost("/articles", CreateAsync).WithName("CreateArticle").WithSummary("Writes a new article (version 1).");
        // No DELETE: an article is archived (status "archived") and keeps its versions, as the audit log keeps its changes.
        api.MapPut("/articles/{articleId:guid}", UpdateAsync).WithName("UpdateArticle")
            .WithSummary("Replaces the article's fields; the text before stays among its versions. Status archived takes it out of the front line's lists and searches.");
    }

    private static async Task<Ok<List<ArticleHitDto>>> ListAsync(string? q, KnowledgeBase knowledge, CancellationToken ct) =>
        TypedResults.Ok(string.IsNullOrWhiteSpace(q)
            ? (await knowledge.ListAsync(ct)).Select(a => new ArticleHitDto(Dto(a), "")).ToList()
            : (await knowledge.SearchAsync(q, 50, ct: ct)).Select(h => new ArticleHitDto(Dto(h.Article), h.Snippet)).ToList());

    private static async Task<Results<Ok<ArticleDto>, ProblemHttpResult>> GetAsync(Guid articleId, KnowledgeBase knowledge, CancellationToken ct) =>
        await knowledge.FindAsync(articleId, ct) is { } found ? TypedResults.Ok(Dto(found)) : ApiResults.NotFound("article");

    private static async Task<Results<Created<ArticleDto>, ProblemHttpResult, ValidationProblem>> CreateAsync(ArticleInputDto input, KnowledgeBase knowledge, Loc l, CancellationToken ct)
    {
        if (input.TranslationOf is { } original && await knowledge.FindAsync(original, ct) is null)
        {
            return ApiResults.NotFound("article to translate");
        }

        var (saved, errors) = await knowledge.SaveAsync(null, Input(input), input.TranslationOf, ct);
        return errors.Any ? ApiResults.Invalid(errors.Renamed(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName), l) : TypedResults.Created($"/api/v1/articles/{saved!.Id}", Dto(saved));
    }

    private static async Task<Results<Ok<ArticleDto>, ProblemHttpResult, ValidationProblem>> UpdateAsync(Guid articleId, ArticleInputDto input, KnowledgeBase knowledge, Loc l, CancellationToken ct)
    {
        if (await knowledge.FindAsync(articleId, ct) is not { } found)
        {
            return ApiResults.NotFound("article");
        }

        var (saved, errors) = await knowledge.SaveAsync(found, Input(input), null, ct);
        return errors.Any ? ApiResults.Invalid(errors.Renamed(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName), l) : TypedResults.Ok(Dto(saved!));
    }

    private static ArticleInput Input(ArticleInputDto d) => new()
    {
        Title = d.Title, Body = d.Body, Category = d.Category, Tags = d.Tags, Language = d.Language ?? "it", Status = d.Status ?? "draft",
        OwnerDepartmentId = d.OwnerDepartmentId, ReviewBy = d.ReviewBy, IsPublic = d.IsPublic, Touchpoints = d.Touchpoints ?? [],
    };

    public static ArticleDto Dto(Article a) => new(
        a.Id, a.GroupId, a.Language, a.Title, a.Body, SafeMarkdown.ToHtml(a.Body), a.Category, a.TagList, a.TouchpointCodes, a.OwnerDepartmentId, a.ReviewBy,
        ArticleInput.Slug(a.Status), a.IsPublic, a.Version, a.CreatedAt, a.UpdatedAt);
}
