using System.Data.Common;
using Cerchio.Data;
using Cerchio.Data.Search;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Tenancy;
using Cerchio.Touchpoints;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.Knowledge;

/// <param name="Snippet">The matching words in context, as safe HTML with &lt;mark&gt;.</param>
internal sealed record ArticleHit(Article Article, string Snippet);

/// <summary>
/// The organization's knowledge: articles kept with every version, searched with the database's own full-text engine
/// (SQLite FTS5 with prefixes for Italian endings, PostgreSQL's Italian stemmer: "consegne" finds "consegna").
/// Drafts and archived articles are for those who write them; everyone reads the published ones.
/// </summary>
internal sealed class KnowledgeBase(CerchioDb db, IOrganizationDirectory organization, ITouchpointCatalog touchpoints, OrganizationContext tenant, TimeProvider clock)
{
    public const string ListPath = "/comunicazioni/conoscenza";

    public const int MaxList = 500;

    public static string PageOf(Guid id) => $"{ListPath}/{id}";

    public bool CanWrite => tenant.Can(Permissions.WriteKnowledge);

    private IQueryable<Article> Visible => CanWrite ? db.Set<Article>() : db.Set<Article>().Where(a => a.Status == ArticleStatus.Published);

    public Task<Article?> FindAsync(Guid id, CancellationToken ct = default) => Visible.FirstOrDefaultAsync(a => a.Id == id, ct);

    public Task<List<Article>> ListAsync(CancellationToken ct = default) =>
        Visible.AsNoTracking().OrderBy(a => a.Category).ThenBy(a => a.Title).Take(MaxList).ToListAsync(ct);

    /// <summary>The categories in use, for the form to offer; read alone, not with every article's text.</summary>
    public Task<List<string>> CategoriesAsync(CancellationToken ct = default) =>
        Visible.Where(a => a.Category != "").Select(a => a.Category).Distinct().OrderBy(c => c).ToListAsync(ct);

    /// <summary>The article's other language, if written.</summary>
    public Task<Article?> OtherLanguageAsync(Article a, CancellationToken ct = default) =>
        Visible.AsNoTracking().FirstOrDefaultAsync(o => o.GroupId == a.GroupId && o.Id != a.Id, ct);

    public Task<List<ArticleVersion>> VersionsAsync(Guid articleId, CancellationToken ct = default) =>
        db.Set<ArticleVersion>().AsNoTracking().Where(v => v.ArticleId == articleId).OrderByDescending(v => v.Version).ToListAsync(ct);

    /// <summary>
    /// A new article's form filled from a question of an announcement's thread and its answer, for those who write
    /// both; null for a question not found (or another organization's).
    /// </summary>
    public async Task<ArticleInput?> FromQuestionAsync(Guid postId, CancellationToken ct = default)
    {
        var asked = await (from p in db.Set<AnnouncementPost>()
                           join a in db.Set<Announcement>() on p.AnnouncementId equals a.Id
                           where p.Id == postId
                           select new { p.Text, p.Answer, a.Title, a.Touchpoints }).FirstOrDefaultAsync(ct);
        if (asked is null || !CanWrite)
        {
            return null;
        }

        var title = asked.Text.ReplaceLineEndings(" ");
        return new ArticleInput
        {
            Title = title.Length > Article.MaxTitle ? title[..Article.MaxTitle] : title,
            Body = asked.Answer ?? "",
            Category = asked.Title.Length > Article.MaxCategory ? asked.Title[..Article.MaxCategory] : asked.Title,
            Language = "it",
            Status = ArticleInput.Slug(asked.Answer is null ? ArticleStatus.Draft : ArticleStatus.Published),
            Touchpoints = asked.Touchpoints.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
        };
    }

    /// <summary>A new article, or a new version of one; <paramref name="translationOf"/> makes it that article's other language.</summary>
    public async Task<(Article? Article, Errors Errors)> SaveAsync(Article? existing, ArticleInput input, Guid? translationOf = null, CancellationToken ct = default)
    {
        var catalog = await touchpoints.ListAsync(ct);
        var departments = (await organization.DepartmentsAsync(ct)).Select(d => d.Id).ToList();
        var errors = input.Validate(departments, catalog);
        var group = existing?.GroupId ?? Ids.New();
        if (existing is null && translationOf is { } original)
        {
            group = await Visible.Where(a => a.Id == original).Select(a => (Guid?)a.GroupId).FirstOrDefaultAsync(ct)
                ?? throw new InvalidOperationException("The article to translate is not in this organization.");
        }

        if (!errors.Any && await db.Set<Article>().AnyAsync(a => a.GroupId == group && a.Language == input.Language && a.Id != (existing == null ? Guid.Empty : existing.Id), ct))
        {
            errors.Add(nameof(ArticleInput.Language), "Esiste già la versione in questa lingua.");
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        var now = clock.GetUtcNow();
        var by = tenant.ActorName ?? "";
        var article = existing ?? new Article { Id = Ids.New(), GroupId = group, CreatedAt = now, CreatedBy = by };
        input.ApplyTo(article, catalog);
        article.Version++;
        article.UpdatedAt = now;
        article.UpdatedBy = by;
        if (existing is null)
        {
            db.Add(article);
        }

        db.Add(new ArticleVersion { Id = Ids.New(), ArticleId = article.Id, Version = article.Version, Title = article.Title, Body = article.Body, Status = article.Status, SavedBy = by, SavedAt = now });
        await db.SaveChangesAsync(ct);
        return (article, errors);
    }

    /// <summary>
    /// Published articles that may answer a case, from its subject and its customer's first words: any of their
    /// longer words matching, best first. Short words ("il", "per", "non") would match everything and are left out.
    /// </summary>
    public Task<List<ArticleHit>> SuggestAsync(string text, int take = 5, CancellationToken ct = default)
    {
        var words = string.Join(' ', SearchText.Parse(text).Terms.Where(t => t.Length >= 5).Distinct(StringComparer.OrdinalIgnoreCase));
        return SearchAsync(words, take, any: true, publishedOnly: true, ct);
    }

    /// <summary>The agent put the article into a case's reply: recorded for the case and the article's owner.</summary>
    public async Task UseAsync(Article article, Guid caseId, CancellationToken ct = default)
    {
        db.Add(new ArticleUse { Id = Ids.New(), ArticleId = article.Id, CaseId = caseId, UserId = tenant.UserId, At = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The person says whether the article helped, with an optional note; rating again replaces their verdict.</summary>
    public async Task<Errors> RateAsync(Article article, bool? useful, string? note, CancellationToken ct = default)
    {
        var errors = new Errors();
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (useful is null)
        {
            errors.Add("Useful", "Scegli se è stato utile o no.");
        }

        if (note?.Length > ArticleRating.MaxNote)
        {
            errors.Add("Note", "Al massimo {0} caratteri.", ArticleRating.MaxNote);
        }

        if (article.Status != ArticleStatus.Published || tenant.UserId is not { } me)
        {
            errors.Add("Useful", "Si valutano solo gli articoli pubblicati.");
        }

        if (errors.Any)
        {
            return errors;
        }

        var rating = await db.Set<ArticleRating>().FirstOrDefaultAsync(r => r.ArticleId == article.Id && r.UserId == tenant.UserId, ct);
        if (rating is null)
        {
            rating = new ArticleRating { Id = Ids.New(), ArticleId = article.Id, UserId = tenant.UserId!.Value };
            db.Add(rating);
        }

        rating.Useful = useful!.Value;
        rating.Note = note;
        rating.UserName = tenant.ActorName ?? "";
        rating.At = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return errors;
    }

    public Task<List<ArticleRating>> RatingsAsync(Guid articleId, CancellationToken ct = default) =>
        db.Set<ArticleRating>().AsNoTracking().Where(r => r.ArticleId == articleId).OrderByDescending(r => r.At).ToListAsync(ct);

    /// <summary>How many times the article went into a reply, and the last cases it went into (their numbers).</summary>
    public async Task<(int Uses, List<int> LastCases)> UsesAsync(Guid articleId, CancellationToken ct = default)
    {
        var uses = await db.Set<ArticleUse>().CountAsync(u => u.ArticleId == articleId, ct);
        var last = await (from u in db.Set<ArticleUse>().Where(u => u.ArticleId == articleId)
                          join c in db.Set<Case>() on u.CaseId equals c.Id
                          orderby u.At descending
                          select c.Number).Take(10).ToListAsync(ct);
        return (uses, last.Distinct().ToList());
    }

    /// <summary>Ranked matches of the words typed (title first, then tags, then text), each with a highlighted snippet.</summary>
    /// <param name="publicOnly">Only what the public help page shows: published, public, in <paramref name="language"/> if given.</param>
    public async Task<List<ArticleHit>> SearchAsync(string? text, int take = 20, bool any = false, bool publishedOnly = false, CancellationToken ct = default,
        bool publicOnly = false, string? language = null)
    {
        var search = SearchText.Parse(text);
        if (search.IsEmpty)
        {
            return [];
        }

        var parameters = new Dictionary<string, object?>
        {
            ["org"] = db.CurrentOrganizationId,
            ["take"] = Math.Clamp(take, 1, 50),
            ["published"] = (int)ArticleStatus.Published,
            ["all"] = CanWrite && !publishedOnly && !publicOnly,
            ["public"] = publicOnly,
            // '' rather than null: PostgreSQL cannot type a parameter only ever compared with IS NULL.
            ["lang"] = language ?? "",
        };
        string sql;
        if (db.IsSqlite)
        {
            parameters["q"] = any ? search.ToFts5MatchAny() : search.ToFts5Match();
            parameters["open"] = Highlight.Open;
            parameters["close"] = Highlight.Close;
            sql = """
                SELECT a."Id", snippet("ArticlesSearch", 1, @open, @close, ' … ', 24)
                FROM "ArticlesSearch"
                JOIN "Articles" AS a ON a.rowid = "ArticlesSearch".rowid
                WHERE "ArticlesSearch" MATCH @q AND a."OrganizationId" = @org AND (@all OR a."Status" = @published)
                  AND (NOT @public OR a."IsPublic") AND (@lang = '' OR a."Language" = @lang)
                ORDER BY bm25("ArticlesSearch", 10.0, 1.0, 4.0)
                LIMIT @take
                """;
        }
        else
        {
            parameters["q"] = any ? search.ToTsQueryAny() : search.ToTsQuery();
            parameters["words"] = search.ToTsQueryAny();
            parameters["fragments"] = Highlight.PostgresFragments;
            sql = $"""
                SELECT a."Id", ts_headline('{SearchText.PostgresConfiguration}', a."Body", to_tsquery('{SearchText.PostgresConfiguration}', @words), @fragments)
                FROM "Articles" AS a
                WHERE a."SearchVector" @@ to_tsquery('{SearchText.PostgresConfiguration}', @q) AND a."OrganizationId" = @org AND (@all OR a."Status" = @published)
                  AND (NOT @public OR a."IsPublic") AND (@lang = '' OR a."Language" = @lang)
                ORDER BY ts_rank(a."SearchVector", to_tsquery('{SearchText.PostgresConfiguration}', @q)) DESC, a."Title"
                LIMIT @take
                """;
        }

        var found = await db.ReadAsync(sql, parameters, r => (Id: r.GetGuidValue(0), Snippet: r.GetNullableString(1)), ct);
        var ids = found.Select(f => f.Id).ToList();
        var articles = await db.Set<Article>().AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        return found.Where(f => articles.ContainsKey(f.Id)).Select(f => new ArticleHit(articles[f.Id], Highlight.ToHtml(f.Snippet))).ToList();
    }
}
