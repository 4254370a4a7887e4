using Cerchio.Tenancy;
using Cerchio.Feedback.Contracts;

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

    public InvitationStatus Status { get; set; } = InvitationStatus.Sent;

    /// <summary>When a scheduled invitation's email goes out (a trigger's delay); its link is made then.</summary>
    public DateTimeOffset? SendAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Why it was not sent (<see cref="SkipReasons"/>): every skipped invitation says why.</summary>
    public string? SkipReason { get; set; }

    /// <summary>What made it (the module event's id for a trigger): one invitation per survey and cause, however often the cause is delivered.</summary>
    public string? Cause { get; set; }

    /// <summary>The cause of a re-survey after a loop closed: once per closing (a loop reopened and closed again may ask again).</summary>
    public static string AfterLoop(Guid loopId, DateTimeOffset closedAt) => $"{AfterLoopPrefix(loopId)}{closedAt.UtcTicks}";

    public static string AfterLoopPrefix(Guid loopId) => $"loop:{loopId:N}:";

    /// <summary>A re-survey after a loop is asked whatever the fatigue rule says: the customer was invited just before, and closing the loop is why we ask.</summary>
    public bool FollowsLoop => Cause?.StartsWith("loop:", StringComparison.Ordinal) == true;
}

internal enum InvitationStatus
{
    /// <summary>Waits for <see cref="SurveyInvitation.SendAt"/>.</summary>
    Scheduled = 1,

    /// <summary>Its link exists: emailed, or handed to the caller (channel api).</summary>
    Sent = 2,

    /// <summary>Not sent, for the reason it records.</summary>
    Skipped = 3,
}

/// <summary>Why an invitation was not sent (stable codes; the pages translate their labels).</summary>
internal static class SkipReasons
{
    public const string OptedOut = "opted_out";
    public const string Fatigue = "fatigue";
    public const string OpenComplaint = "open_complaint";
    public const string NoEmail = "no_email";
    public const string SurveyClosed = "survey_closed";
    public const string NoConsent = "no_consent";

    public static string LabelOf(string? reason) => reason switch
    {
        OptedOut => "Ha chiesto di non ricevere sondaggi",
        Fatigue => "Già invitato di recente",
        OpenComplaint => "Ha un reclamo aperto",
        NoEmail => "Nessun indirizzo email",
        SurveyClosed => "Sondaggio chiuso",
        NoConsent => "Senza consenso ai sondaggi",
        _ => reason ?? "",
    };
}

/// <summary>
/// When a survey invites by itself: after a case is resolved (optionally only of a type, channel or touchpoint), or
/// after an event of a type from the events API (optionally only on a touchpoint); after a delay in hours or in
/// working days of the organization's calendar.
/// </summary>
internal sealed class SurveyTrigger : IOrganizationScoped
{
    public const string CaseResolved = "case_resolved";
    public const string Event = "event";
    public const int MaxDelayHours = 24 * 60;
    public const int MaxDelayWorkingDays = 40;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SurveyId { get; set; }
    public string On { get; set; } = CaseResolved;

    /// <summary>The case's type and channel as the API names them ("complaint", "phone"); null: any.</summary>
    public string? CaseType { get; set; }
    public string? Channel { get; set; }

    /// <summary>An event trigger's event type as the events API names it ("delivered").</summary>
    public string? EventType { get; set; }
    public string? TouchpointCode { get; set; }

    /// <summary>The delay: this many hours, or (when <see cref="DelayWorkingDays"/> is set) none of them.</summary>
    public int DelayHours { get; set; }

    /// <summary>The delay in working days of the organization's calendar; 0: the delay is in hours.</summary>
    public int DelayWorkingDays { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// An event trigger's place in the event feed: the last event it has seen (ingestion time, id). It starts at the
    /// trigger's creation, so the events stored before it are never surveyed, and moves in the transaction that stores
    /// the invitations of the events it passes.
    /// </summary>
    public DateTimeOffset CursorAt { get; set; }
    public Guid CursorId { get; set; }
}

/// <summary>An address that asked for no more surveys from this organization: honoured by every survey and trigger.</summary>
internal sealed class SurveyOptOut : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Email { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

/// <summary>The organization's rules across all its surveys.</summary>
internal sealed class FeedbackSettings : IOrganizationScoped
{
    public const int DefaultFatigueDays = 30;

    public Guid OrganizationId { get; set; }

    /// <summary>At most one invitation per person every this many days, whatever the survey.</summary>
    public int FatigueDays { get; set; } = DefaultFatigueDays;

    /// <summary>
    /// Whether only people who agreed are surveyed. Off (the default): everyone but those who refused or opted out, as
    /// an existing customer asked about a service they received; on: only those whose consent is recorded.
    /// </summary>
    public bool RequireSurveyConsent { get; set; }

    /// <summary>Close-the-loop rules: a score at or below these opens a loop (NPS detractors 0–6, CSAT 1–2, CES 1–3); null: never by score.</summary>
    public int? LoopNpsUpTo { get; set; } = 6;
    public int? LoopCsatUpTo { get; set; } = 2;
    public int? LoopCesUpTo { get; set; } = 3;

    /// <summary>Whether a negative comment opens a loop whatever the score.</summary>
    public bool LoopOnNegativeComment { get; set; } = true;

    /// <summary>Whether a loop on an answer to a case's survey opens that case again (if it is resolved).</summary>
    public bool LoopReopensCase { get; set; }

    /// <summary>Working hours to close a loop in; then the CX lead hears of it.</summary>
    public int LoopSlaHours { get; set; } = DefaultLoopSlaHours;

    public const int DefaultLoopSlaHours = 48;

    /// <summary>The highest score that opens a loop on a survey of this kind, or null.</summary>
    public int? LoopUpTo(SurveyKind kind) => kind switch
    {
        SurveyKind.Nps => LoopNpsUpTo,
        SurveyKind.Csat => LoopCsatUpTo,
        SurveyKind.Ces => LoopCesUpTo,
        _ => null,
    };
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

    /// <summary>The text analysis of <see cref="Comment"/>: negative, neutral or positive, with its score −1…1; null without a comment.</summary>
    public string? Sentiment { get; set; }
    public float? SentimentScore { get; set; }

    /// <summary>Emotion codes found in the comment, comma separated (",anger,worry,"); its topics are rows of their own (<see cref="SurveyResponseTopic"/>).</summary>
    public string? Emotions { get; set; }
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the score was given: the answer's day in the results.</summary>
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>When the respondent sent the whole page; until then the answer is partial.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// An imported answer's key: the hash of its survey and its row's values, so importing the same file again finds it
    /// (one per survey); null for answers given here.
    /// </summary>
    public string? ImportKey { get; set; }
}

/// <summary>
/// A topic found in an answer's comment (by its analysis, or set by a person correcting it): one row per answer and
/// topic, so the answers of a topic and the topics of a period are read through an index, never by searching text.
/// The rows are replaced as a whole whenever the comment is read again. They copy what the trends cut by (the answer's
/// organization, survey, time and sentiment), so a period's topics are counted from their index alone; the copies are
/// written only by <c>AnswerTopics</c>, with each reading and when the answer is given again.
/// </summary>
[NotAudited]   // derived from the comment's reading; a person's correction is audited as its TextCorrection
internal sealed class SurveyResponseTopic : IOrganizationScoped
{
    public Guid ResponseId { get; set; }

    /// <summary>A topic of the organization's taxonomy (<see cref="TextTopic.MaxCode"/>).</summary>
    public string Code { get; set; } = "";
    public Guid OrganizationId { get; set; }

    /// <summary>Copies of the answer's <see cref="SurveyResponse.SurveyId"/>, <see cref="SurveyResponse.AnsweredAt"/> and <see cref="SurveyResponse.Sentiment"/>.</summary>
    public Guid SurveyId { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? Sentiment { get; set; }
}

/// <summary>Where an answer came from: the invitation's channel, or the tag on a public link (?canale=qr).</summary>
internal static class SurveyChannels
{
    public const int MaxLength = 30;
    public const string Email = "email";
    public const string Link = "link";
    public const string Api = "api";

    /// <summary>An answer imported from a file (a past paper survey), unless its row names another channel.</summary>
    public const string Imported = "importato";

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
        [Imported] = "Importato",
    };

    /// <summary>A public link's tag as given, or "link": lower case letters, digits and hyphens, at most 30.</summary>
    public static string Tag(string? given)
    {
        var tag = given?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(tag) || tag.Length > MaxLength || tag == Email || tag == Api || tag == Imported || tag.Any(c => !char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            ? Link
            : tag;
    }

    public static string LabelOf(string channel) => Labels.GetValueOrDefault(channel, channel);
}
