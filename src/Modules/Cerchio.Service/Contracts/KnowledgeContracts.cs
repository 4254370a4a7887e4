namespace Cerchio.Service.Contracts;

/// <summary>
/// /api/v1/articles: a knowledge article. Status: draft, published or archived; language: it or en (the same
/// <c>GroupId</c> joins an article's languages); <c>BodyHtml</c> is the Markdown body rendered inert.
/// </summary>
public sealed record ArticleDto(
    Guid Id, Guid GroupId, string Language, string Title, string Body, string BodyHtml, string Category, IReadOnlyList<string> Tags,
    IReadOnlyList<string> Touchpoints, Guid? OwnerDepartmentId, DateOnly? ReviewBy, string Status, bool IsPublic, int Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A search result: the article and its matching words in context (HTML with &lt;mark&gt;).</summary>
public sealed record ArticleHitDto(ArticleDto Article, string Snippet);

/// <summary>POST and PUT /api/v1/articles: what is written; a PUT replaces every field and keeps the old text as a version.</summary>
/// <param name="TranslationOf">On POST: the article this one is the other language of.</param>
public sealed record ArticleInputDto(
    string? Title, string? Body, string? Category, string? Tags, string? Language, string? Status, Guid? OwnerDepartmentId, string? ReviewBy,
    bool IsPublic, List<string>? Touchpoints, Guid? TranslationOf);
