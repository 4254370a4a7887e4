using System.Security.Cryptography;
using System.Text;
using Cerchio.Data;
using Cerchio.Data.Outbox;
using Cerchio.Feedback.Domain;
using Cerchio.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Feedback.Features.Respond;

/// <summary>What the response page shows: the score question, the follow-up with the comment, the thanks, or why it cannot take an answer.</summary>
internal enum ResponseStep
{
    Score = 1,
    Comment = 2,
    Thanks = 3,

    /// <summary>Sent, and past the time allowed to change it: shown, not editable.</summary>
    Answered = 4,
    /// <summary>The address asked for no more surveys (the email's unsubscribe link); and back again.</summary>
    OptedOut = 5,
    OptedIn = 6,
    Unknown = 10,
    NotOpen = 11,
    Closed = 12,
    Expired = 13,
}

/// <summary>What the response page draws.</summary>
/// <param name="Action">Where its forms post; the preview's forms reload the preview instead.</param>
/// <param name="DraftTexts">The preview's texts (the draft); otherwise the answered version's.</param>
/// <param name="PreviewScore">The preview's chosen score.</param>
/// <param name="TypedComment">The comment as sent, shown again when it was refused.</param>
/// <param name="TypedAnswers">The further questions' values as sent, shown again when they were refused.</param>
/// <param name="Embedded">Shown inside another site's iframe (the website's button): compact, and its forms carry the browser's key.</param>
internal sealed record SurveyPageModel(
    ResponseStep Step, ResponseSession? Session, string Action, Errors Errors, bool Preview = false, SurveyTexts? DraftTexts = null, int? PreviewScore = null,
    string? TypedComment = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? TypedAnswers = null, bool Embedded = false)
{
    /// <summary>Where the organization's logo is (null: none); filled when the page renders.</summary>
    public string? LogoPath { get; init; }
}

/// <summary>A survey as one respondent meets it: through their invitation, or through the survey's public link with their browser's key.</summary>
internal sealed class ResponseSession
{
    public required Survey Survey { get; init; }
    public SurveyVersion? Version { get; init; }
    public SurveyInvitation? Invitation { get; init; }
    public SurveyResponse? Response { get; set; }
    public required string Language { get; set; }
    public required string Channel { get; init; }

    /// <summary>The public link's browser key, when the browser sent one (or was just given one).</summary>
    public string? BrowserKey { get; set; }

    /// <summary>The answer's values to the further questions, by question (read when the answer has any to show).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Answers { get; set; } = Empty;

    public SurveyTexts? Texts => Version is { } v ? SurveyTexts.Read(v.Texts) : null;

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Empty = new Dictionary<string, IReadOnlyList<string>>();
}

/// <summary>
/// Takes answers. A personal link's token (43 random characters, only its hash stored) finds its invitation, a public
/// link's key its survey, before any organization is known; everything after happens inside that organization. One
/// answer per invitation and per browser on a public link: a second visit finds it and may change it for
/// <see cref="ChangeWindow"/> after it was sent.
/// </summary>
internal sealed class Respondent(CerchioDb db, OrganizationContext tenant, TimeProvider clock)
{
    public static readonly TimeSpan ChangeWindow = TimeSpan.FromDays(7);
    public const string InvitationPrefix = "/r";
    public const string PublicPrefix = "/s";

    public static string InvitationPathOf(string token) => $"{InvitationPrefix}/{token}";

    public static string PublicPathOf(string key, string? channel = null) =>
        channel is null or SurveyChannels.Link ? $"{PublicPrefix}/{key}" : $"{PublicPrefix}/{key}?canale={Uri.EscapeDataString(channel)}";

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));

    /// <summary>43 URL-safe characters of 256 random bits.</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool IsSecretShaped(string? s, int length) =>
        s is not null && s.Length == length && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public async Task<(ResponseStep Step, ResponseSession? Session)> OpenInvitationAsync(string token, CancellationToken ct = default)
    {
        if (!IsSecretShaped(token, 43))
        {
            return (ResponseStep.Unknown, null);
        }

        var hash = Hash(token);
        var invitation = await db.Set<SurveyInvitation>().IgnoreQueryFilters().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null)
        {
            return (ResponseStep.Unknown, null);
        }

        tenant.Set(invitation.OrganizationId, null, "Risposta al sondaggio", null);
        var survey = await db.Set<Survey>().AsNoTracking().FirstAsync(s => s.Id == invitation.SurveyId, ct);
        var response = await db.Set<SurveyResponse>().FirstOrDefaultAsync(r => r.InvitationId == invitation.Id, ct);
        var session = await SessionAsync(survey, invitation, response, invitation.Language, invitation.Channel, ct);
        if (invitation.OpenedAt is null)
        {
            invitation.OpenedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }

        return (StepOf(session, invitation.ExpiresAt), session);
    }

    public async Task<(ResponseStep Step, ResponseSession? Session)> OpenPublicAsync(string key, string? browserKey, string language, string? channel, CancellationToken ct = default)
    {
        if (!IsSecretShaped(key, Survey.PublicKeyLength))
        {
            return (ResponseStep.Unknown, null);
        }

        var survey = await db.Set<Survey>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.PublicKey == key, ct);
        if (survey is null)
        {
            return (ResponseStep.Unknown, null);
        }

        tenant.Set(survey.OrganizationId, null, "Risposta al sondaggio", null);
        SurveyResponse? response = null;
        if (IsSecretShaped(browserKey, 43))
        {
            var hash = Hash(browserKey!);
            response = await db.Set<SurveyResponse>().FirstOrDefaultAsync(r => r.SurveyId == survey.Id && r.BrowserKeyHash == hash, ct);
        }

        var session = await SessionAsync(survey, null, response, response?.Language ?? language, response?.Channel ?? SurveyChannels.Tag(channel), ct);
        session.BrowserKey = response is null ? null : browserKey;
        return (StepOf(session, null), session);
    }

    /// <summary>The live survey whose public link has this key (the website's button), or null: nothing scoped to an organization is read.</summary>
    public Task<Survey?> LiveSurveyAsync(string key, CancellationToken ct = default) =>
        IsSecretShaped(key, Survey.PublicKeyLength)
            ? db.Set<Survey>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.PublicKey == key && s.Status == SurveyStatus.Live, ct)
            : Task.FromResult<Survey?>(null);

    private async Task<ResponseSession> SessionAsync(Survey survey, SurveyInvitation? invitation, SurveyResponse? response, string language, string channel, CancellationToken ct)
    {
        // An answer stays on the version it answered; a new one takes the current version.
        var versionId = response?.VersionId ?? survey.CurrentVersionId;
        var version = versionId is { } v ? await db.Set<SurveyVersion>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == v, ct) : null;
        var session = new ResponseSession { Survey = survey, Version = version, Invitation = invitation, Response = response, Language = language, Channel = channel };
        // Only a sent answer to a version with further questions has values to show again (most have none: no query).
        if (response?.SubmittedAt is not null && session.Texts is { Extra.Count: > 0 })
        {
            session.Answers = await AnswersAsync(db, [response.Id], ct) is var all && all.TryGetValue(response.Id, out var mine) ? mine : ResponseSession.Empty;
        }

        return session;
    }

    /// <summary>The values of these answers to their further questions: by answer, then by question.</summary>
    public static async Task<Dictionary<Guid, IReadOnlyDictionary<string, IReadOnlyList<string>>>> AnswersAsync(CerchioDb db, IReadOnlyCollection<Guid> responseIds, CancellationToken ct)
    {
        var items = await db.Set<SurveyAnswerItem>().AsNoTracking().Where(i => responseIds.Contains(i.ResponseId))
            .Select(i => new { i.ResponseId, i.QuestionId, i.Value }).ToListAsync(ct);
        return items.GroupBy(i => i.ResponseId).ToDictionary(
            r => r.Key,
            r => (IReadOnlyDictionary<string, IReadOnlyList<string>>)r.GroupBy(i => i.QuestionId).ToDictionary(q => q.Key, q => (IReadOnlyList<string>)q.Select(i => i.Value).ToList()));
    }

    private ResponseStep StepOf(ResponseSession session, DateTimeOffset? expiresAt)
    {
        var now = clock.GetUtcNow();
        if (session.Response is { SubmittedAt: { } sent })
        {
            return now - sent <= ChangeWindow && session.Survey.Status == SurveyStatus.Live ? ResponseStep.Thanks : ResponseStep.Answered;
        }

        if (session.Survey.Status == SurveyStatus.Draft || session.Version is null)
        {
            return ResponseStep.NotOpen;
        }

        if (session.Survey.Status == SurveyStatus.Closed)
        {
            return session.Response?.Score is null ? ResponseStep.Closed : ResponseStep.Answered;
        }

        if (session.Response is null && expiresAt is { } expires && now > expires)
        {
            return ResponseStep.Expired;
        }

        return session.Response?.Score is null ? ResponseStep.Score : ResponseStep.Comment;
    }

    /// <summary>Whether the page may still take or change this session's answer.</summary>
    public bool CanAnswer(ResponseStep step) => step is ResponseStep.Score or ResponseStep.Comment or ResponseStep.Thanks;

    /// <summary>
    /// Records a score (one click, or the page's buttons) and, when <paramref name="send"/>, the comment with it: the
    /// answer is then sent. A score off the survey's scale is refused; a comment over its limit is refused, and the page keeps it to shorten.
    /// </summary>
    public async Task<Errors> RecordAsync(ResponseSession session, int? score, string? comment, bool send, CancellationToken ct = default,
        IReadOnlyDictionary<string, IReadOnlyList<string?>>? answers = null)
    {
        var errors = new Errors();
        var (min, max) = session.Survey.Scale;
        if (score is { } s && (s < min || s > max))
        {
            return errors.Add("Score", "Scegli un punteggio da {0} a {1}.", min, max);
        }

        var text = comment?.Trim();
        if (send && text is { Length: > SurveyResponse.MaxComment })
        {
            return errors.Add("Comment", "Il commento è troppo lungo ({0} caratteri): al massimo {1}. Accorcialo e invia di nuovo.", text.Length, SurveyResponse.MaxComment);
        }

        var response = session.Response;
        if (score is null && response?.Score is null)
        {
            return errors.Add("Score", "Scegli un punteggio da {0} a {1}.", min, max);
        }

        // The further questions asked at this score: each checked; those not asked at this score keep no value.
        var values = new List<(string Question, string Value)>();
        if (send && session.Texts is { } texts)
        {
            foreach (var question in texts.ExtraFor(score ?? response!.Score))
            {
                var (chosen, error) = question.Check(answers?.GetValueOrDefault(question.Id) ?? []);
                if (error is not null)
                {
                    errors.Add($"Q:{question.Id}", error, SurveyQuestion.MaxAnswer);
                }

                values.AddRange(chosen.Select(v => (question.Id, v)));
            }

            if (errors.Any)
            {
                return errors;
            }
        }

        var now = clock.GetUtcNow();
        if (response is null)
        {
            response = new SurveyResponse
            {
                Id = Ids.New(), OrganizationId = session.Survey.OrganizationId, SurveyId = session.Survey.Id, VersionId = session.Version!.Id,
                InvitationId = session.Invitation?.Id, CustomerId = session.Invitation?.CustomerId, CaseId = session.Invitation?.CaseId,
                TouchpointCode = session.Invitation?.TouchpointCode ?? session.Survey.TouchpointCode, Channel = session.Channel,
                Language = session.Language, StartedAt = now,
            };
            if (session.Invitation is null)
            {
                session.BrowserKey ??= NewSecret();
                response.BrowserKeyHash = Hash(session.BrowserKey);
            }

            db.Add(response);
        }

        var first = response.Score is null && score is not null;
        if (score is { } given && given != response.Score)
        {
            response.Score = given;
            response.AnsweredAt = now;
            // The answer moves to its new day in the topics' counts too, in this save (its reading follows later).
            await TextAnalysis.AnswerTopics.FollowAnswerAsync(db, response, ct);
        }

        var items = new List<SurveyAnswerItem>();
        if (send)
        {
            response.Comment = string.IsNullOrEmpty(text) ? null : text;
            response.SubmittedAt = now;
            // A changed answer replaces its values as a whole, in the same save.
            if (db.Entry(response).State != EntityState.Added)
            {
                db.RemoveRange(await db.Set<SurveyAnswerItem>().Where(i => i.ResponseId == response.Id).ToListAsync(ct));
            }

            items = values.Select(v => new SurveyAnswerItem
            {
                Id = Ids.New(), OrganizationId = response.OrganizationId, ResponseId = response.Id, SurveyId = response.SurveyId, QuestionId = v.Question, Value = v.Value,
            }).ToList();
            db.AddRange(items);
        }

        response.UpdatedAt = now;
        // Its comment's analysis, the timeline and the close-the-loop rules follow off this request (AnswerFollowUp).
        db.Publish(new Contracts.SurveyAnswered(response.Id, response.SurveyId, first));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.Entry(response).State == EntityState.Added)
        {
            // Two clicks raced for the one answer of this invitation (or browser): the first one is kept.
            db.Entry(response).State = EntityState.Detached;
            items.ForEach(i => db.Entry(i).State = EntityState.Detached);
            session.Response = await db.Set<SurveyResponse>().FirstOrDefaultAsync(r => session.Invitation != null
                ? r.InvitationId == session.Invitation.Id
                : r.SurveyId == session.Survey.Id && r.BrowserKeyHash == response.BrowserKeyHash, ct);
            return errors;
        }

        session.Response = response;
        if (send)
        {
            session.Answers = values.GroupBy(v => v.Question).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(v => v.Value).ToList());
        }

        return errors;
    }
}
