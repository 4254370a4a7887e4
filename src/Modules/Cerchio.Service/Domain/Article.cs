using Cerchio.Tenancy;

namespace Cerchio.Service.Domain;

internal enum ArticleStatus
{
    Draft = 1,
    Published = 2,
    Archived = 3,
}

/// <summary>
/// A knowledge article: what the front line needs at hand (how returns work, what the warranty covers), in Markdown,
/// owned by a department that reviews it by its review date. Its Italian and English versions share a
/// <see cref="GroupId"/>; every saved text is kept as an <see cref="ArticleVersion"/>.
/// </summary>
internal sealed class Article : IOrganizationScoped
{
    public const int MaxTitle = 200;
    public const int MaxBody = 50_000;
    public const int MaxCategory = 100;
    public const int MaxTags = 500;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }

    /// <summary>The same article in its languages: the Italian and the English version share it.</summary>
    public Guid GroupId { get; set; }
    public string Language { get; set; } = "it";
    public string Title { get; set; } = "";

    /// <summary>Markdown, rendered inert (<c>SafeMarkdown</c>).</summary>
    public string Body { get; set; } = "";
    public string Category { get; set; } = "";

    /// <summary>Comma-separated, as typed ("resi, garanzia").</summary>
    public string Tags { get; set; } = "";

    /// <summary>Touchpoint codes, comma-separated.</summary>
    public string Touchpoints { get; set; } = "";
    public Guid? OwnerDepartmentId { get; set; }

    /// <summary>After this day the article is flagged to its owner as to be checked.</summary>
    public DateOnly? ReviewBy { get; set; }
    public ArticleStatus Status { get; set; } = ArticleStatus.Draft;

    /// <summary>The review date its owner was last told had passed: a new date brings a new reminder, the same one none.</summary>
    public DateOnly? StaleNotifiedFor { get; set; }

    /// <summary>Shown on the organization's public help page as well as to staff.</summary>
    public bool IsPublic { get; set; }

    /// <summary>The number of the latest <see cref="ArticleVersion"/>.</summary>
    public int Version { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<string> TagList => CommaList.Split(Tags);

    public IReadOnlyList<string> TouchpointCodes => CommaList.Split(Touchpoints);

    /// <summary>Published and past its review date: its owner should check it still holds.</summary>
    public bool IsStale(DateOnly today) => Status == ArticleStatus.Published && ReviewBy is { } by && by < today;

}

/// <summary>One saved text of an article: the history its page lists, newest first.</summary>
internal sealed class ArticleVersion : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ArticleId { get; set; }
    public int Version { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public ArticleStatus Status { get; set; }
    public string SavedBy { get; set; } = "";
    public DateTimeOffset SavedAt { get; set; }
}

/// <summary>An article put into a case's reply: the case records which article was used, the article's owner sees how often.</summary>
internal sealed class ArticleUse : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ArticleId { get; set; }
    public Guid CaseId { get; set; }
    public Guid? UserId { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A person's verdict on an article ("utile / non utile", with a note): one per person, the latest counts.</summary>
internal sealed class ArticleRating : IOrganizationScoped
{
    public const int MaxNote = 1_000;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ArticleId { get; set; }
    public Guid UserId { get; set; }
    public string UserName { get; set; } = "";
    public bool Useful { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset At { get; set; }
}
