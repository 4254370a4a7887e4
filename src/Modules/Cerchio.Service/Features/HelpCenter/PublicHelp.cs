using System.Linq.Expressions;
using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Knowledge;
using Cerchio.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Service.Features.HelpCenter;

/// <summary>What a customer may read of an article: no owner, tags, touchpoints, versions, uses or ratings.</summary>
internal sealed record HelpArticle(Guid Id, string Title, string Category, string Language, DateTimeOffset UpdatedAt);

/// <param name="Snippet">The matching words in context, as safe HTML with &lt;mark&gt;.</param>
internal sealed record HelpHit(HelpArticle Article, string Snippet);

/// <param name="Other">The same article in its other language, when that one is public too.</param>
internal sealed record HelpArticleText(HelpArticle Article, string Body, HelpArticle? Other);

/// <summary>
/// An organization's public help page: its published articles marked public, for anyone, in Italian or English.
/// Read in the organization's own scope (as the contact form writes in it), so the query filters keep every other
/// organization's articles out whoever asks — a visitor, or a person signed in to another organization — and what
/// leaves here is only the <see cref="HelpArticle"/> projection.
/// </summary>
internal sealed class PublicHelp(IServiceScopeFactory scopes)
{
    public const string PathPrefix = "/aiuto";

    public static string PageOf(string slug, string language = "it") => $"{PathPrefix}/{Uri.EscapeDataString(slug)}{LanguageQuery(language)}";

    public static string ArticlePageOf(string slug, Guid id, string language = "it") => $"{PathPrefix}/{Uri.EscapeDataString(slug)}/{id}{LanguageQuery(language)}";

    /// <summary>The address a customer can open, on the host the agent is using (the one the customers reach too).</summary>
    public static string PublicUrlOf(HttpRequest request, string slug, Article article) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{ArticlePageOf(slug, article.Id, article.Language)}";

    /// <summary>Italian is the default: only English needs saying (<c>?lang=en</c>), as the contact form's links do.</summary>
    private static string LanguageQuery(string language) => language == "en" ? "?lang=en" : "";

    /// <summary>What the help page shows: published and public; the staff's knowledge base keeps everything else.</summary>
    private static readonly Expression<Func<Article, bool>> ShownRule = a => a.Status == ArticleStatus.Published && a.IsPublic;

    private static readonly Func<Article, bool> ShownCheck = ShownRule.Compile();

    public static bool IsShown(Article a) => ShownCheck(a);

    public Task<List<HelpArticle>> ListAsync(PublicOrganization organization, string language, CancellationToken ct) =>
        InOrganizationAsync(organization, (db, _) => Shown(db)
            .Where(a => a.Language == language)
            .OrderBy(a => a.Category).ThenBy(a => a.Title)
            .Take(KnowledgeBase.MaxList)
            .Select(a => new HelpArticle(a.Id, a.Title, a.Category, a.Language, a.UpdatedAt))
            .ToListAsync(ct));

    /// <summary>The knowledge base's own full-text search, kept to the public articles of the language.</summary>
    public Task<List<HelpHit>> SearchAsync(PublicOrganization organization, string language, string? q, CancellationToken ct) =>
        InOrganizationAsync(organization, async (_, services) =>
        {
            var hits = await services.GetRequiredService<KnowledgeBase>().SearchAsync(q, 20, ct: ct, publicOnly: true, language: language);
            return hits.Select(h => new HelpHit(Public(h.Article), h.Snippet)).ToList();
        });

    /// <summary>A public article of this organization, with its other language if public; null for anything else.</summary>
    public Task<HelpArticleText?> FindAsync(PublicOrganization organization, Guid id, CancellationToken ct) =>
        InOrganizationAsync(organization, async (db, _) =>
        {
            var article = await Shown(db).AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
            if (article is null)
            {
                return null;
            }

            var other = await Shown(db).Where(o => o.GroupId == article.GroupId && o.Id != article.Id)
                .Select(o => new HelpArticle(o.Id, o.Title, o.Category, o.Language, o.UpdatedAt))
                .FirstOrDefaultAsync(ct);
            return new HelpArticleText(Public(article), article.Body, other);
        });

    /// <summary>The files of a public article, as its page lists them.</summary>
    public Task<List<Attachments.DocumentFileInfo>> FilesAsync(PublicOrganization organization, Guid articleId, CancellationToken ct) =>
        InOrganizationAsync(organization, async (db, services) => await Shown(db).AnyAsync(a => a.Id == articleId, ct)
            ? await services.GetRequiredService<Attachments.DocumentFiles>().ListAsync(articleId, ct)
            : []);

    /// <summary>One file of a public article, bytes included; null for any other article's or organization's.</summary>
    public Task<DocumentFile?> FileAsync(PublicOrganization organization, Guid articleId, Guid fileId, CancellationToken ct) =>
        InOrganizationAsync(organization, async (db, services) => await Shown(db).AnyAsync(a => a.Id == articleId, ct)
            ? await services.GetRequiredService<Attachments.DocumentFiles>().FindAsync(articleId, fileId, ct)
            : null);

    public static string FileOf(string slug, Guid articleId, Guid fileId) => $"{PathPrefix}/{Uri.EscapeDataString(slug)}/{articleId}/allegati/{fileId}";

    /// <summary>GET /aiuto/{slug}/{article}/allegati/{file}: a public article's file, for anyone, served as inert as a case's.</summary>
    public static void MapFiles(IEndpointRouteBuilder app) =>
        app.MapGet(PathPrefix + "/{slug}/{articleId:guid}/allegati/{articleFileId:guid}",
                async (string slug, Guid articleId, Guid articleFileId, HttpContext context, IOrganizationDirectory organizations, PublicHelp help, CancellationToken ct) =>
                    await ContactForm.ContactFormPage.FindAsync(context, organizations, slug) is { } organization
                    && await help.FileAsync(organization, articleId, articleFileId, ct) is { } f
                        ? Attachments.CaseFiles.Serve(f.FileName, f.ContentType, f.Content, inline: false)
                        : Results.NotFound())
            .AllowAnonymous()
            .ExcludeFromDescription();

    private static IQueryable<Article> Shown(CerchioDb db) => db.Set<Article>().Where(ShownRule);

    private static HelpArticle Public(Article a) => new(a.Id, a.Title, a.Category, a.Language, a.UpdatedAt);

    private async Task<T> InOrganizationAsync<T>(PublicOrganization organization, Func<CerchioDb, IServiceProvider, Task<T>> read)
    {
        await using var scope = scopes.CreateAsyncScope();
        // No person and no role: the knowledge base reads as the least of its readers (published articles only).
        scope.ServiceProvider.GetRequiredService<OrganizationContext>().Set(organization.Id, null, "Pagina di aiuto", null);
        return await read(scope.ServiceProvider.GetRequiredService<CerchioDb>(), scope.ServiceProvider);
    }
}
