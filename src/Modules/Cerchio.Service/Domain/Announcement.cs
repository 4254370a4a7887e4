using Cerchio.Tenancy;

namespace Cerchio.Service.Domain;

internal enum AnnouncementKind
{
    NewProduct = 1,
    Promotion = 2,
    PriceChange = 3,
    ProcessChange = 4,
    Incident = 5,
}

internal enum AnnouncementStatus
{
    Draft = 1,
    Published = 2,
    Archived = 3,
}

/// <summary>
/// News for the front line before a launch (a new product, a promotion, a price change): written by whoever has the
/// right, published ahead of its effective date to an audience of departments and roles, read and acknowledged by
/// each of them (<see cref="AnnouncementReceipt"/>), and answered back in its thread (<see cref="AnnouncementPost"/>).
/// </summary>
internal sealed class Announcement : IOrganizationScoped
{
    public const int MaxTitle = 200;
    public const int MaxBody = 20_000;
    public const int MaxProducts = 500;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public AnnouncementKind Kind { get; set; }
    public string Title { get; set; } = "";

    /// <summary>Markdown, rendered with raw HTML disabled and the result sanitised (<c>SafeMarkdown</c>).</summary>
    public string Body { get; set; } = "";

    /// <summary>The launch: coverage counts those informed before it.</summary>
    public DateTimeOffset EffectiveAt { get; set; }

    /// <summary>Whether each person must say they read it ("ho letto"), rather than only open it.</summary>
    public bool RequiresAcknowledgement { get; set; }

    /// <summary>Department ids, comma-separated: their people are in the audience.</summary>
    public string AudienceDepartments { get; set; } = "";

    /// <summary>Role names, comma-separated: people with these roles are in the audience, whatever their department.</summary>
    public string AudienceRoles { get; set; } = "";

    /// <summary>Touchpoint codes, comma-separated: where customers will meet what changes.</summary>
    public string Touchpoints { get; set; } = "";

    /// <summary>The products concerned, as the author names them.</summary>
    public string Products { get; set; } = "";

    public AnnouncementStatus Status { get; set; } = AnnouncementStatus.Draft;
    public Guid? AuthorId { get; set; }
    public string AuthorName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>When those who have not acknowledged are reminded; null when nobody will be (no acknowledgement asked, or too late).</summary>
    public DateTimeOffset? RemindAt { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    public IReadOnlyList<Guid> DepartmentIds => CommaList.Split(AudienceDepartments).Select(Guid.Parse).ToList();

    public IReadOnlyList<Role> Roles => CommaList.Split(AudienceRoles).Select(Enum.Parse<Role>).ToList();

    public IReadOnlyList<string> TouchpointCodes => CommaList.Split(Touchpoints);

    /// <summary>Published after its launch: nobody could be informed first, and the page says so.</summary>
    public bool PublishedLate => PublishedAt is { } published && published >= EffectiveAt;


    /// <summary>
    /// Publishes it now. A reminder goes halfway between now and the launch, but no earlier than the lead before it,
    /// to those who have not acknowledged by then; none when nothing is to be acknowledged or the launch is past.
    /// </summary>
    public string? Publish(DateTimeOffset now, TimeSpan reminderLead)
    {
        if (Status != AnnouncementStatus.Draft)
        {
            return "L'annuncio è già pubblicato.";
        }

        Status = AnnouncementStatus.Published;
        PublishedAt = now;
        UpdatedAt = now;
        if (RequiresAcknowledgement && EffectiveAt > now)
        {
            var halfway = now + ((EffectiveAt - now) / 2);
            var lead = EffectiveAt - reminderLead;
            RemindAt = lead > halfway ? lead : halfway;
        }

        return null;
    }

    public string? Archive(DateTimeOffset now)
    {
        if (Status == AnnouncementStatus.Archived)
        {
            return "L'annuncio è già archiviato.";
        }

        Status = AnnouncementStatus.Archived;
        ArchivedAt = now;
        UpdatedAt = now;
        return null;
    }
}

/// <summary>One person of an announcement's audience (fixed when it is published): when they read it, when they acknowledged it.</summary>
internal sealed class AnnouncementReceipt : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid AnnouncementId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }

    /// <summary>When the person was informed: acknowledged when that is asked, read otherwise.</summary>
    public static DateTimeOffset? InformedAt(AnnouncementReceipt r, bool requiresAcknowledgement) =>
        requiresAcknowledgement ? r.AcknowledgedAt : r.ReadAt;
}

internal enum AnnouncementPostKind
{
    Question = 1,
    Proposal = 2,
}

internal enum ProposalDecision
{
    Accepted = 1,
    Declined = 2,
}

/// <summary>
/// The front line answering back: a question or a proposal in an announcement's thread, with the author's answer, the
/// decision on a proposal (declined with a reason), and whether it became one of the announcement's FAQ.
/// </summary>
internal sealed class AnnouncementPost : IOrganizationScoped
{
    public const int MaxText = 4_000;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid AnnouncementId { get; set; }
    public AnnouncementPostKind Kind { get; set; }
    public string Text { get; set; } = "";
    public Guid? AuthorId { get; set; }
    public string AuthorName { get; set; } = "";
    public DateTimeOffset At { get; set; }

    public string? Answer { get; set; }
    public string? AnsweredBy { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }

    public ProposalDecision? Decision { get; set; }
    public string? DecisionReason { get; set; }

    /// <summary>Shown among the announcement's frequent questions, above the thread.</summary>
    public bool IsFaq { get; set; }

    public string? AnswerWith(string? text, string by, DateTimeOffset now)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxText)
        {
            return "Scrivi la risposta (al massimo {0} caratteri).";
        }

        Answer = text;
        AnsweredBy = by;
        AnsweredAt = now;
        return null;
    }

    public string? Decide(ProposalDecision decision, string? reason, string by, DateTimeOffset now)
    {
        if (Kind != AnnouncementPostKind.Proposal)
        {
            return "Solo una proposta si accoglie o si respinge.";
        }

        reason = reason?.Trim();
        if (decision == ProposalDecision.Declined && string.IsNullOrEmpty(reason))
        {
            return "Scrivi perché la proposta non è accolta.";
        }

        if (reason?.Length > MaxText)
        {
            return "Scrivi la risposta (al massimo {0} caratteri).";
        }

        Decision = decision;
        DecisionReason = string.IsNullOrEmpty(reason) ? null : reason;
        AnsweredBy = by;
        AnsweredAt = now;
        return null;
    }
}

/// <summary>
/// "Anch'io": another person of the front line has the same question or backs the same proposal. The thread shows how
/// many, so the author sees which question to answer for everyone (an FAQ, an article), and the answer reaches them all.
/// </summary>
internal sealed class AnnouncementPostSupport : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid PostId { get; set; }
    public Guid UserId { get; set; }
    public string UserName { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
