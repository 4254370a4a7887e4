using Cerchio.Tenancy;

namespace Cerchio.Feedback.Domain;

/// <summary>
/// A personal invitation to answer a survey: who it goes to and what interaction it follows (the case, the event,
/// the touchpoint), so the answer is never anonymous market research. Its link carries a random token; only the
/// token's hash is stored.
/// </summary>
internal sealed class SurveyInvitation : IOrganizationScoped
{
    public const int MaxEmail = 254;
    public const int MaxName = 200;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SurveyId { get; set; }
    public string TokenHash { get; set; } = "";
    public Guid? CustomerId { get; set; }
    public string? Email { get; set; }
    public string? Name { get; set; }

    /// <summary>"it" or "en": the respondent's language, picked from the contact.</summary>
    public string Language { get; set; } = "it";
    public Guid? CaseId { get; set; }
    public int? CaseNumber { get; set; }
    public Guid? EventId { get; set; }
    public string? TouchpointCode { get; set; }
    public string Channel { get; set; } = SurveyChannels.Email;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? OpenedAt { get; set; }
}

/// <summary>
/// One answer: the score (given with one click from the email, or on the page), then the comment. It keeps the
/// survey version it answered, and the customer, case, touchpoint and channel it is about. A partial answer (score
/// without the comment yet) counts: the score is the answer.
/// </summary>
internal sealed class SurveyResponse : IOrganizationScoped
{
    public const int MaxComment = 4_000;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SurveyId { get; set; }
    public Guid VersionId { get; set; }

    /// <summary>The invitation it answers (one answer each); none for the public link.</summary>
    public Guid? InvitationId { get; set; }

    /// <summary>The public link's answers: the hash of the key the respondent's browser keeps, so it finds its own answer again.</summary>
    public string? BrowserKeyHash { get; set; }
    public Guid? CustomerId { get; set; }
    public Guid? CaseId { get; set; }
    public string? TouchpointCode { get; set; }
    public string Channel { get; set; } = SurveyChannels.Email;
    public string Language { get; set; } = "it";
    public int? Score { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the score was given: the answer's day in the results.</summary>
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>When the respondent sent the whole page; until then the answer is partial.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Where an answer came from: the invitation's channel, or the tag on a public link (?canale=qr).</summary>
internal static class SurveyChannels
{
    public const int MaxLength = 30;
    public const string Email = "email";
    public const string Link = "link";
    public const string Api = "api";

    /// <summary>The tags a public link can carry, with their Italian labels (translated on pages).</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [Email] = "Email",
        [Link] = "Link pubblico",
        ["qr"] = "QR code",
        ["fiera"] = "Stand in fiera",
        ["punto-vendita"] = "Punto vendita",
        ["sito"] = "Sito web",
        [Api] = "API",
    };

    /// <summary>A public link's tag as given, or "link": lower case letters, digits and hyphens, at most 30.</summary>
    public static string Tag(string? given)
    {
        var tag = given?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(tag) || tag.Length > MaxLength || tag == Email || tag == Api || tag.Any(c => !char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            ? Link
            : tag;
    }

    public static string LabelOf(string channel) => Labels.GetValueOrDefault(channel, channel);
}
