namespace Cerchio.Feedback.Contracts;

/// <param name="Kind">"nps", "csat" or "ces".</param>
/// <param name="Status">"draft", "live" or "closed".</param>
/// <param name="PublicUrl">The public link (tag it with ?canale=qr, fiera… to see where answers come from).</param>
/// <param name="Version">The published version answers go to; 0 before the first publication.</param>
public sealed record SurveyDto(Guid Id, string Name, string Kind, string Status, string? Touchpoint, string Brand, string Color, string PublicUrl, int Version, bool UnpublishedChanges, DateTimeOffset CreatedAt);

/// <summary>POST /api/v1/surveys and PUT /api/v1/surveys/{id}: texts left out take the kind's defaults (Italian) or fall back to the Italian (English).</summary>
public sealed record SurveyInputDto(
    string? Name, string? Kind, string? Touchpoint, string? Brand, string? Color, int? LowUpTo,
    string? QuestionIt, string? QuestionEn, string? LowLabelIt, string? LowLabelEn, string? HighLabelIt, string? HighLabelEn,
    string? AskLowIt, string? AskLowEn, string? AskHighIt, string? AskHighEn, string? ThanksIt, string? ThanksEn);

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

/// <summary>The rules across all surveys: at most one invitation per person every fatigue_days (0: no limit).</summary>
public sealed record SurveySettingsDto(int FatigueDays);

/// <summary>A survey's results over a period (the organization's days, both included).</summary>
/// <param name="Value">NPS −100…100, CSAT % of 4–5, CES mean 1–7; null without answers.</param>
/// <param name="Margin">The 95% confidence margin: the true value is within value ± margin.</param>
/// <param name="Distribution">Answers per score, from scale_min up.</param>
public sealed record SurveyResultsDto(
    Guid SurveyId, string Kind, DateOnly From, DateOnly To, int Answers, double? Value, double? Margin, double? Share, double? Promoters, double? Detractors,
    int ScaleMin, IReadOnlyList<long> Distribution, IReadOnlyDictionary<string, int> ByChannel, int Invitations, int InvitationsAnswered, double? ResponseRate);

/// <param name="Complete">False for a partial answer: the score was given (one click from the email), the page not sent yet.</param>
public sealed record AnswerDto(Guid Id, Guid SurveyId, string Survey, string Kind, int Score, string? Comment, string Channel, string? Touchpoint, Guid? CustomerId, int? CaseNumber, string Language, DateTimeOffset AnsweredAt, bool Complete);

/// <summary>Gives the demo company its surveys and a year of answers, after its cases.</summary>
public interface IFeedbackDemoData
{
    Task SeedAsync(int seed, CancellationToken ct = default);
}
