namespace Cerchio.Feedback.Contracts;

/// <param name="Kind">"nps", "csat" or "ces".</param>
/// <param name="Status">"draft", "live" or "closed".</param>
/// <param name="PublicUrl">The public link (tag it with ?canale=qr, fiera… to see where answers come from).</param>
/// <param name="Version">The published version answers go to; 0 before the first publication.</param>
public sealed record SurveyDto(
    Guid Id, string Name, string Kind, string Status, string? Touchpoint, string Brand, string Color, string PublicUrl, int Version, bool UnpublishedChanges, DateTimeOffset CreatedAt,
    IReadOnlyList<SurveyQuestionDto>? Questions = null);

/// <summary>POST /api/v1/surveys and PUT /api/v1/surveys/{id}: texts left out take the kind's defaults (Italian) or fall back to the Italian (English).</summary>
public sealed record SurveyInputDto(
    string? Name, string? Kind, string? Touchpoint, string? Brand, string? Color, int? LowUpTo,
    string? QuestionIt, string? QuestionEn, string? LowLabelIt, string? LowLabelEn, string? HighLabelIt, string? HighLabelEn,
    string? AskLowIt, string? AskLowEn, string? AskHighIt, string? AskHighEn, string? ThanksIt, string? ThanksEn,
    IReadOnlyList<SurveyQuestionDto>? Questions = null);

/// <summary>
/// A question asked after the score: kind scale (1…points), single, multiple, text or yes_no; asked only when the score
/// is within score_from…score_to (either may be left out). Its id is given by the server and kept across versions.
/// </summary>
public sealed record SurveyQuestionDto(
    string? Id, string? Kind, string? TextIt, string? TextEn, bool Required = false, IReadOnlyList<SurveyQuestionOptionDto>? Options = null, int? Points = null,
    string? LowLabelIt = null, string? LowLabelEn = null, string? HighLabelIt = null, string? HighLabelEn = null, int? ScoreFrom = null, int? ScoreTo = null);

/// <summary>A choice: its code (what answers hold; made from the Italian label, ignored on input) and its labels.</summary>
public sealed record SurveyQuestionOptionDto(string? Code, string? It, string? En);

/// <summary>One further question's results: asked (sent answers whose score it applies to), answered, each value's count, a scale's mean, the latest texts.</summary>
public sealed record QuestionResultDto(string Id, string Kind, string Text, int Asked, int Answered, IReadOnlyList<QuestionValueCountDto> Counts, double? Mean, IReadOnlyList<string> LatestTexts);

public sealed record QuestionValueCountDto(string Value, string Label, int Count);

/// <summary>GET /api/v1/surveys/{id}/question-results: one version's (answers to different versions are never mixed).</summary>
public sealed record QuestionResultsDto(Guid SurveyId, int Version, IReadOnlyList<int> Versions, DateOnly From, DateOnly To, IReadOnlyList<QuestionResultDto> Questions);

/// <summary>POST /api/v1/surveys/{id}/invitations: whom to ask, and what the answer will be about.</summary>
/// <param name="Channel">"email" (the default; needs the customer's or the given address) or "api" (the caller delivers the link).</param>
public sealed record InvitationInputDto(Guid? CustomerId, string? Email, string? Name, string? Language, int? CaseNumber, string? Touchpoint, string? Channel, int? ValidDays);

/// <param name="Url">The personal link; shown once, only its hash is kept. Add ?punteggio=N for a one-click score. Null when not sent.</param>
/// <param name="Status">"sent" (emailed, or the link handed over), "scheduled" or "skipped".</param>
/// <param name="SkipReason">Why it was skipped: opted_out, fatigue (invited within the organization's fatigue days), open_complaint, no_email.</param>
public sealed record InvitationDto(Guid Id, Guid SurveyId, string? Url, string Status, string? SkipReason, string Channel, string? Email, Guid? CustomerId, string? Touchpoint, string Language, DateTimeOffset ExpiresAt);

/// <summary>A survey's trigger: it invites by itself when a case is resolved (of this type, channel, touchpoint when given), after delay_hours.</summary>
/// <param name="CaseType">request, complaint, technical_assistance, sales_opportunity, information; null: any.</param>
/// <param name="Channel">email, phone, web_form, api, walk_in, trade_fair, visit; null: any.</param>
public sealed record SurveyTriggerDto(bool Enabled, string? CaseType, string? Channel, string? Touchpoint, int DelayHours);

/// <summary>One of a survey's triggers.</summary>
/// <param name="On">"case_resolved" (see <see cref="SurveyTriggerDto"/>) or "event": each event of event_type (on touchpoint, when given) stored after created_at.</param>
/// <param name="EventType">order_placed, quote_sent, delivered, invoice_issued, visit, call, custom.</param>
/// <param name="DelayUnit">"hours", or "business_days": the same time of day that many working days later on the organization's calendar (its next opening if closed then).</param>
public sealed record SurveyTriggerItemDto(
    Guid Id, string On, string? EventType, string? CaseType, string? Channel, string? Touchpoint, int Delay, string DelayUnit, DateTimeOffset CreatedAt);

/// <summary>POST /api/v1/surveys/{id}/triggers: a trigger on an event type from the events API.</summary>
/// <param name="Delay">0 (at once) up to 1440 hours or 40 business days.</param>
/// <param name="DelayUnit">"hours" (the default) or "business_days".</param>
public sealed record EventTriggerInputDto(string? EventType, string? Touchpoint, int? Delay, string? DelayUnit);

/// <summary>
/// PUT /api/v1/surveys/{id}/schedule: a relationship survey sent every every_months months from first_day at hour (the
/// organization's time zone) to every person of a segment — each person customer and every contact of each company.
/// enabled false switches it off, keeping its settings and last run (the other fields are then ignored).
/// </summary>
/// <param name="Attribute">With value: only the customers whose custom attribute holds that value (ignoring case; a value some active customer holds). Both left out: every active customer.</param>
/// <param name="EveryMonths">1 to 24.</param>
/// <param name="FirstDay">yyyy-mm-dd; a new first day cannot be in the past.</param>
/// <param name="Hour">0 to 23.</param>
public sealed record SurveyScheduleInputDto(bool Enabled, string? Attribute, string? Value, int? EveryMonths, string? FirstDay, int? Hour);

/// <summary>A survey's schedule; enabled false with no other field when it never had one.</summary>
/// <param name="NextRunAt">When the next run starts; null while switched off.</param>
/// <param name="TimeZone">The organization's time zone, which hour and the days are in.</param>
public sealed record SurveyScheduleDto(
    bool Enabled, string? Attribute, string? Value, int? EveryMonths, DateOnly? FirstDay, int? Hour, string TimeZone, DateTimeOffset? NextRunAt, SurveyScheduleRunDto? LastRun);

/// <summary>The latest run: those invited, and those skipped by reason (fatigue, no_consent, opted_out, open_complaint, no_email).</summary>
/// <param name="At">When it was due; its invitations were made then or a little later.</param>
/// <param name="Note">survey_closed: the survey was not published when the run was due, so nobody was invited.</param>
public sealed record SurveyScheduleRunDto(DateTimeOffset At, bool Finished, int Invited, int Skipped, IReadOnlyDictionary<string, int> SkippedBy, string? Note);

/// <summary>The rules across all surveys: at most one invitation per person every fatigue_days (0: no limit).</summary>
public sealed record SurveySettingsDto(int FatigueDays, bool RequireConsent);

/// <summary>PUT /api/v1/survey-settings: fatigue_days from 0 (no limit) to 365; require_consent: only people whose consent is recorded are surveyed. Left out: unchanged.</summary>
public sealed record SurveySettingsInputDto(int? FatigueDays, bool? RequireConsent);

/// <summary>A survey's results over a period (the organization's days, both included).</summary>
/// <param name="Value">NPS −100…100, CSAT % of 4–5, CES mean 1–7; null without answers.</param>
/// <param name="Margin">The 95% confidence margin: the true value is within value ± margin.</param>
/// <param name="Distribution">Answers per score, from scale_min up.</param>
public sealed record SurveyResultsDto(
    Guid SurveyId, string Kind, DateOnly From, DateOnly To, int Answers, double? Value, double? Margin, double? Share, double? Promoters, double? Detractors,
    int ScaleMin, IReadOnlyList<long> Distribution, IReadOnlyDictionary<string, int> ByChannel, int Invitations, int InvitationsAnswered, double? ResponseRate);

/// <param name="Complete">False for a partial answer: the score was given (one click from the email), the page not sent yet.</param>
/// <param name="Sentiment">The comment's: negative, neutral or positive (null without a comment, or until it is analysed, a moment after).</param>
/// <param name="Topics">Topic codes found in the comment (delivery_times, billing…), from the organization's taxonomy.</param>
/// <param name="Loop">The number of the loop the answer opened (GET /api/v1/loops/{number}), if any.</param>
public sealed record AnswerDto(
    Guid Id, Guid SurveyId, string Survey, string Kind, int Score, string? Comment, string Channel, string? Touchpoint, Guid? CustomerId, int? CaseNumber, string Language,
    DateTimeOffset AnsweredAt, bool Complete, string? Sentiment, IReadOnlyList<string> Topics, int? Loop,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Answers = null);

/// <summary>Gives the demo company its surveys and a year of answers, after its cases.</summary>
public interface IFeedbackDemoData
{
    Task SeedAsync(int seed, CancellationToken ct = default);
}

/// <summary>
/// A score or comment was recorded on an answer (each click and each send publishes one): its comment is analysed and
/// the close-the-loop rules read it. Handlers read the answer as it is now, so a late or repeated delivery does no harm.
/// </summary>
/// <param name="First">The answer's first score: what a customer's timeline records.</param>
public sealed record SurveyAnswered(Guid ResponseId, Guid SurveyId, bool First) : Cerchio.Events.IModuleEvent;

/// <summary>A loop to close, as the API shows it.</summary>
/// <param name="Status">"open" or "closed".</param>
/// <param name="Reasons">Why it opened: low_score, negative_comment.</param>
/// <param name="Outcome">solved, not_solved, compensated, not_reachable; null while open.</param>
/// <param name="Overdue">Open past its due time (working hours after it opened).</param>
public sealed record LoopDto(
    int Number, Guid Id, string Status, IReadOnlyList<string> Reasons, int Score, string? Comment, string? Sentiment, IReadOnlyList<string> Topics,
    Guid SurveyId, Guid ResponseId, Guid? CustomerId, string? Name, string? Email, int? CaseNumber, string? Touchpoint, Guid? DepartmentId, string? Department,
    DateTimeOffset OpenedAt, DateTimeOffset DueAt, bool Overdue, DateTimeOffset? EscalatedAt, string? Outcome, string? RootCause, string? Note, DateTimeOffset? ClosedAt, string? ClosedBy,
    IReadOnlyList<LoopActivityDto>? Activities = null);

/// <param name="Kind">call, email or note.</param>
/// <param name="Reached">A call: whether the customer answered.</param>
public sealed record LoopActivityDto(string Kind, bool? Reached, string Text, string? By, DateTimeOffset At);

/// <summary>POST /api/v1/loops/{number}/activities: a call (with reached), an email to the customer (sent through the outbox) or a note.</summary>
public sealed record LoopActivityInputDto(string? Kind, bool? Reached, string? Text, string? Subject);

/// <summary>POST /api/v1/loops/{number}/close: what came of it and why it went wrong (a root cause's id or name from GET /api/v1/loop-root-causes).</summary>
/// <param name="ResurveyInDays">Asks the customer the same survey again that many days after closing (0 at once, up to 60); none when not given.</param>
public sealed record LoopCloseDto(string? Outcome, string? RootCause, string? Note, int? ResurveyInDays = null);

/// <summary>An organization's root cause; touchpoint when it belongs to one (a pain point of the catalog).</summary>
public sealed record LoopRootCauseDto(Guid Id, string Name, string? Touchpoint);

/// <summary>Loops opened over a period: the closure rate (closed within their SLA / opened) and the median hours from opening to closing.</summary>
/// <param name="Group">The department's name, the touchpoint's code, or null for the whole.</param>
public sealed record LoopClosureDto(string? Group, int Opened, int ClosedInTime, int Closed, int Open, int Overdue, double? ClosureRate, double? MedianHoursToClose);

/// <summary>GET /api/v1/loop-closure: the loops opened from…to, overall, per department and per touchpoint.</summary>
public sealed record LoopClosureReportDto(DateOnly From, DateOnly To, LoopClosureDto Whole, IReadOnlyList<LoopClosureDto> ByDepartment, IReadOnlyList<LoopClosureDto> ByTouchpoint);

/// <summary>The close-the-loop rules: scores at or below these open a loop (null: never by score); a negative comment too when on.</summary>
/// <param name="ReopenCase">A loop on an answer to a case's survey opens the case again (when it is resolved).</param>
public sealed record LoopRulesDto(int? NpsUpTo, int? CsatUpTo, int? CesUpTo, bool NegativeComment, int SlaHours, bool ReopenCase = false);

/// <param name="Respondents">People counted: each with their latest NPS answer of the last <paramref name="Months"/> months.</param>
/// <param name="RelationshipSurveysOnly">True once the customer answered a relationship survey (one with a schedule): only those answers count; false: every NPS survey's.</param>
public sealed record RelationshipNpsDto(int Respondents, double? Value, double? Margin, double? Promoters, double? Detractors, int Months, bool RelationshipSurveysOnly = false);

public sealed record RespondentScoreDto(string? Name, string? Email, int Score, DateTimeOffset AnsweredAt, Guid AnswerId);

/// <summary>The voice of one customer: GET /api/v1/customers/{id}/voice.</summary>
public sealed record CustomerVoiceDto(Guid CustomerId, RelationshipNpsDto RelationshipNps, IReadOnlyList<RespondentScoreDto> Respondents, IReadOnlyList<AnswerDto> Latest, IReadOnlyList<LoopDto> OpenLoops);

/// <summary>
/// POST /api/v1/surveys/{id}/answers/import: the file's rows (without the header), those valid, those refused
/// (each problem in <see cref="Errors"/>), those new to import, those imported now, those skipped because an earlier
/// import stored them (or the file repeats them). With dry_run nothing is stored and imported is 0.
/// </summary>
public sealed record AnswerImportResultDto(bool DryRun, int Rows, int Valid, int Invalid, int ToImport, int Imported, int Skipped, IReadOnlyList<AnswerImportRowErrorDto> Errors);

/// <param name="Row">The row number as a spreadsheet shows it (the header is row 1).</param>
/// <param name="Column">The column's Italian name: data, punteggio, commento, email, cliente, touchpoint, canale, lingua.</param>
public sealed record AnswerImportRowErrorDto(int Row, string Column, string Message);
