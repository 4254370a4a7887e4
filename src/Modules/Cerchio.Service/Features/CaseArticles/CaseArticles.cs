using Cerchio.Organizations.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.HelpCenter;
using Cerchio.Service.Features.Knowledge;
using Cerchio.Service.Features.Markdown;
using Cerchio.Service.Features.OpenCase;
using Microsoft.AspNetCore.Http;

namespace Cerchio.Service.Features.CaseArticles;

internal enum ArticleInsert
{
    /// <summary>The article's text, as plain text.</summary>
    Text,

    /// <summary>The address of the article on the organization's public help page.</summary>
    Link,
}

/// <summary>
/// The knowledge base at the agent's hand on a case: articles found as the agent types, put into the reply as their
/// text or, for the public ones, as the link to the help page — and each use recorded for the article's owner. The
/// page's form posts and js/article-insert.js come here alike.
/// </summary>
internal sealed class CaseArticles(KnowledgeBase knowledge, IOrganizationDirectory organization)
{
    public const int Found = 8;

    public const string NotFound = "Articolo non trovato tra quelli pubblicati.";

    public const string NotPublic = "Questo articolo è solo per uso interno, non è sulla pagina di aiuto: inserisci il testo.";

    public static string PathOf(int number) => $"{CaseDesk.PageOf(number)}/articoli";

    /// <summary>Published articles matching what the agent typed, best first; nothing for blank.</summary>
    public async Task<List<ArticleHit>> SearchAsync(string? q, CancellationToken ct = default) =>
        Clean(q) is { } query ? await knowledge.SearchAsync(query, Found, publishedOnly: true, ct: ct) : [];

    /// <summary>What goes into the case's reply for the article, with the use recorded; a refusal (one of the messages above) otherwise.</summary>
    public async Task<(string? Text, string? Refusal)> InsertAsync(Case c, Guid articleId, ArticleInsert what, HttpRequest request, CancellationToken ct = default)
    {
        if (await knowledge.FindAsync(articleId, ct) is not { Status: ArticleStatus.Published } article)
        {
            return (null, NotFound);
        }

        if (what == ArticleInsert.Link && !PublicHelp.IsShown(article))
        {
            return (null, NotPublic);
        }

        var text = what == ArticleInsert.Link
            ? PublicHelp.PublicUrlOf(request, await organization.SlugAsync(ct), article)
            : SafeMarkdown.ToText(article.Body);
        await knowledge.UseAsync(article, c.Id, ct);
        return (text, null);
    }

    /// <summary>What the case page's list of articles shows of each.</summary>
    public static List<(Guid Id, string Title, string Language, bool IsPublic)> Choices(IEnumerable<ArticleHit> hits) =>
        hits.Select(h => (h.Article.Id, h.Article.Title, h.Article.Language, PublicHelp.IsShown(h.Article))).ToList();

    /// <summary>A search as typed, trimmed; nothing for blank, at most 200 characters (words, not a document).</summary>
    public static string? Clean(string? q)
    {
        var text = q?.Trim();
        return string.IsNullOrEmpty(text) ? null : text.Length > 200 ? text[..200] : text;
    }
}
