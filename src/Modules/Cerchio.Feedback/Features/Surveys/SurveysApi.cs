using Cerchio.Feedback.Contracts;
using Cerchio.Feedback.Domain;
using Cerchio.Feedback.Features.Invitations;
using Cerchio.Feedback.Features.Respond;
using Cerchio.Feedback.Features.Scores;
using Cerchio.Text;
using Cerchio.Ui.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Feedback.Features.Surveys;

internal static class SurveysApi
{
    public const int MaxPeriodDays = 366;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/surveys", ListAsync).WithName("ListSurveys").WithSummary("The organization's surveys: open ones first, by name.");
        api.MapGet("/surveys/{surveyId:guid}", GetAsync).WithName("GetSurvey").WithSummary("One survey.");
        api.MapPost("/surveys", CreateAsync).WithName("CreateSurvey")
            .WithSummary("Adds a survey as a draft: kind nps, csat or ces; texts left out take the kind's defaults. Publish it to take answers.");
        api.MapPut("/surveys/{surveyId:guid}", UpdateAsync).WithName("UpdateSurvey")
            .WithSummary("Replaces the survey's draft. Respondents keep seeing the published version until the next publication; the kind cannot change once published.");
        api.MapPost("/surveys/{surveyId:guid}/publish", PublishAsync).WithName("PublishSurvey")
            .WithSummary("Publishes the draft (a new version when its texts changed) and opens the survey to answers.");
        api.MapPost("/surveys/{surveyId:guid}/close", CloseAsync).WithName("CloseSurvey").WithSummary("Stops taking answers; the results keep them.");
        api.MapPost("/surveys/{surveyId:guid}/invitations", InviteAsync).WithName("CreateSurveyInvitation")
            .WithSummary("Invites a customer (or an address) to a published survey, tied to the case and touchpoint it follows; returns the personal link once.");
        api.MapGet("/surveys/{surveyId:guid}/trigger", TriggerAsync).WithName("GetSurveyTrigger").WithSummary("When the survey invites by itself: after a case is resolved.");
        api.MapPut("/surveys/{surveyId:guid}/trigger", SaveTriggerAsync).WithName("SetSurveyTrigger")
            .WithSummary("Sets when the survey invites by itself (enabled false removes it): a resolved case of the type, channel and touchpoint given, after delay_hours.");
        api.MapGet("/surveys/{surveyId:guid}/triggers", TriggersAsync).WithName("ListSurveyTriggers")
            .WithSummary("Every rule that makes the survey invite by itself: the case-resolved one and those on event types from the events API.");
        api.MapPost("/surveys/{surveyId:guid}/triggers", AddEventTriggerAsync).WithName("AddSurveyEventTrigger")
            .WithSummary("Invites the customer of each event of event_type (on touchpoint, when given) stored from now on through POST /api/v1/events, after delay hours or business_days.");
        api.MapDelete("/surveys/{surveyId:guid}/triggers/{triggerId:guid}", RemoveTriggerAsync).WithName("RemoveSurveyTrigger")
            .WithSummary("Removes one of the survey's triggers; invitations already made stay.");
        api.MapGet("/surveys/{surveyId:guid}/schedule", ScheduleAsync).WithName("GetSurveySchedule")
            .WithSummary("When the survey is sent on a calendar to a segment of customers (a relationship survey), the next run and the last run's outcome.");
        api.MapPut("/surveys/{surveyId:guid}/schedule", SaveScheduleAsync).WithName("SetSurveySchedule")
            .WithSummary("Sends the survey every every_months months from first_day at hour to each person customer and each company's contact of the segment (attribute = value, or every active customer); enabled false switches it off.");
        api.MapGet("/survey-settings", SettingsAsync).WithName("GetSurveySettings").WithSummary("The rules across all surveys.");
        api.MapPut("/survey-settings", SaveSettingsAsync).WithName("SetSurveySettings").WithSummary("Sets the rules across all surveys: fatigue_days from 0 (no limit) to 365; require_consent: survey only people whose consent is recorded.");
        api.MapGet("/surveys/{surveyId:guid}/results", ResultsAsync).WithName("GetSurveyResults")
            .WithSummary("The survey's score with its 95% confidence margin, distribution, channels and response rate over from…to (default: the last 30 days).");
        api.MapGet("/surveys/{surveyId:guid}/question-results", QuestionResultsAsync).WithName("GetSurveyQuestionResults")
            .WithSummary("The further questions' results of one version (default: the latest that asks any) over from…to (default: the last 30 days): each value's count, a scale's mean, the latest texts.");
        api.MapGet("/survey-answers", AnswersAsync).WithName("ListSurveyAnswers")
            .WithSummary("Answers with a score, newest first, over from…to (default: the last 30 days), optionally of one survey or touchpoint, or with one sentiment or topic in the comment.");
    }

    public static SurveyDto Dto(Survey s, HttpContext http, bool unpublished) => new(
        s.Id, s.Name, s.Kind.ToString().ToLowerInvariant(), s.Status.ToString().ToLowerInvariant(), s.TouchpointCode, s.Brand, s.Color,
        $"{http.Request.Scheme}://{http.Request.Host}{Respondent.PublicPathOf(s.PublicKey)}", s.Versions, unpublished, s.CreatedAt,
        s.Draft.Extra.Select(Dto).ToList());

    private static SurveyQuestionDto Dto(SurveyQuestion q) => new(
        q.Id, KindName(q.Kind), q.Text.It, q.Text.En, q.Required, q.Options?.Select(o => new SurveyQuestionOptionDto(o.Code, o.Label.It, o.Label.En)).ToList(),
        q.Kind == QuestionKind.Scale ? q.Points : null, q.LowLabel?.It, q.LowLabel?.En, q.HighLabel?.It, q.HighLabel?.En, q.ScoreFrom, q.ScoreTo);

    private static string KindName(QuestionKind kind) => kind == QuestionKind.YesNo ? "yes_no" : kind.ToString().ToLowerInvariant();

    private static QuestionInput Input(SurveyQuestionDto q) => new()
    {
        Id = q.Id, Kind = q.Kind, TextIt = q.TextIt, TextEn = q.TextEn, Required = q.Required, Points = q.Points,
        OptionsIt = q.Options is null ? null : string.Join('\n', q.Options.Select(o => o.It?.ReplaceLineEndings(" "))),
        OptionsEn = q.Options is null ? null : string.Join('\n', q.Options.Select(o => o.En?.ReplaceLineEndings(" "))),
        LowLabelIt = q.LowLabelIt, LowLabelEn = q.LowLabelEn, HighLabelIt = q.HighLabelIt, HighLabelEn = q.HighLabelEn, ScoreFrom = q.ScoreFrom, ScoreTo = q.ScoreTo,
    };

    private static async Task<Ok<List<SurveyDto>>> ListAsync(SurveyBook book, HttpContext http, CancellationToken ct)
    {
        var list = new List<SurveyDto>();
        foreach (var s in await book.ListAsync(ct))
        {
            list.Add(Dto(s, http, await book.HasUnpublishedChangesAsync(s, ct)));
        }

        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<SurveyDto>, ProblemHttpResult>> GetAsync(Guid surveyId, SurveyBook book, HttpContext http, CancellationToken ct) =>
        await book.FindAsync(surveyId, ct) is { } s ? TypedResults.Ok(Dto(s, http, await book.HasUnpublishedChangesAsync(s, ct))) : ApiResults.NotFound("survey");

    private static async Task<Results<Created<SurveyDto>, ValidationProblem>> CreateAsync(SurveyInputDto input, SurveyBook book, HttpContext http, Loc l, CancellationToken ct)
    {
        if (Input(input) is not { } form)
        {
            return ApiResults.Invalid("kind", "Scegli NPS, CSAT o CES.", l);
        }

        var (saved, errors) = await book.SaveAsync(null, form, ct);
        return errors.Any ? Invalid(errors, l) : TypedResults.Created($"/api/v1/surveys/{saved!.Id}", Dto(saved, http, true));
    }

    private static async Task<Results<Ok<SurveyDto>, ProblemHttpResult, ValidationProblem>> UpdateAsync(Guid surveyId, SurveyInputDto input, SurveyBook book, HttpContext http, Loc l, CancellationToken ct)
    {
        if (await book.FindAsync(surveyId, ct) is null)
        {
            return ApiResults.NotFound("survey");
        }

        if (Input(input) is not { } form)
        {
            return ApiResults.Invalid("kind", "Scegli NPS, CSAT o CES.", l);
        }

        var (saved, errors) = await book.SaveAsync(surveyId, form, ct);
        return errors.Any ? Invalid(errors, l) : TypedResults.Ok(Dto(saved!, http, await book.HasUnpublishedChangesAsync(saved!, ct)));
    }

    private static async Task<Results<Ok<SurveyDto>, ProblemHttpResult>> PublishAsync(Guid surveyId, SurveyBook book, HttpContext http, CancellationToken ct) =>
        await book.PublishAsync(surveyId, ct) is { } s ? TypedResults.Ok(Dto(s, http, false)) : ApiResults.NotFound("survey");

    private static async Task<Results<Ok<SurveyDto>, ProblemHttpResult>> CloseAsync(Guid surveyId, SurveyBook book, HttpContext http, CancellationToken ct) =>
        await book.SetOpenAsync(surveyId, open: false, ct) is { } s ? TypedResults.Ok(Dto(s, http, await book.HasUnpublishedChangesAsync(s, ct))) : ApiResults.NotFound("survey");

    private static async Task<Results<Created<InvitationDto>, ProblemHttpResult, ValidationProblem>> InviteAsync(
        Guid surveyId, InvitationInputDto input, SurveyBook book, SurveyInvitations invitations, HttpContext http, Loc l, CancellationToken ct)
    {
        if (await book.FindAsync(surveyId, ct) is null)
        {
            return ApiResults.NotFound("survey");
        }

        var (invitation, token, errors) = await invitations.CreateAsync(surveyId, new InvitationInput
        {
            CustomerId = input.CustomerId, Email = input.Email, Name = input.Name, Language = input.Language, CaseNumber = input.CaseNumber,
            Touchpoint = input.Touchpoint, Channel = input.Channel, ValidDays = input.ValidDays,
        }, ct);
        if (errors.Any)
        {
            return Invalid(errors, l);
        }

        var i = invitation!;
        return TypedResults.Created($"/api/v1/surveys/{surveyId}/invitations/{i.Id}", new InvitationDto(
            i.Id, i.SurveyId, token is null ? null : $"{http.Request.Scheme}://{http.Request.Host}{Respondent.InvitationPathOf(token)}",
            i.Status.ToString().ToLowerInvariant(), i.SkipReason, i.Channel, i.Email, i.CustomerId, i.TouchpointCode, i.Language, i.ExpiresAt));
    }

    private static async Task<Results<Ok<SurveyTriggerDto>, ProblemHttpResult>> TriggerAsync(Guid surveyId, SurveyBook book, SurveyTriggers triggers, CancellationToken ct)
    {
        if (await book.FindAsync(surveyId, ct) is null)
        {
            return ApiResults.NotFound("survey");
        }

        var t = await triggers.FindAsync(surveyId, ct);
        return TypedResults.Ok(t is null ? new SurveyTriggerDto(false, null, null, null, 0) : new SurveyTriggerDto(true, t.CaseType, t.Channel, t.TouchpointCode, t.DelayHours));
    }

    private static async Task<Results<Ok<SurveyTriggerDto>, ProblemHttpResult, ValidationProblem>> SaveTriggerAsync(
        Guid surveyId, SurveyTriggerDto input, SurveyBook book, SurveyTriggers triggers, Loc l, CancellationToken ct)
    {
        if (await book.FindAsync(surveyId, ct) is null)
        {
            return ApiResults.NotFound("survey");
        }

        var errors = await triggers.SaveAsync(surveyId, new TriggerInput { Enabled = input.Enabled, CaseType = input.CaseType, Channel = input.Channel, Touchpoint = input.Touchpoint, DelayHours = input.DelayHours }, ct);
        if (errors.Any)
        {
            return Invalid(errors, l);
        }

        var t = await triggers.FindAsync(surveyId, ct);
        return TypedResults.Ok(t is null ? new SurveyTriggerDto(false, null, null, null, 0) : new SurveyTriggerDto(true, t.CaseType, t.Channel, t.TouchpointCode, t.DelayHours));
    }

    public static SurveyTriggerItemDto Dto(SurveyTrigger t) => new(
        t.Id, t.On, t.EventType, t.CaseType, t.Channel, t.TouchpointCode, DelayUnits.AmountOf(t), DelayUnits.Of(t), t.CreatedAt);

    private static async Task<Results<Ok<List<SurveyTriggerItemDto>>, ProblemHttpResult>> TriggersAsync(Guid surveyId, SurveyBook book, SurveyTriggers triggers, CancellationToken ct) =>
        await book.FindAsync(surveyId, ct) is null
            ? ApiResults.NotFound("survey")
            : TypedResults.Ok((await triggers.ListAsync(surveyId, ct)).Select(Dto).ToList());

    private static async Task<Results<Created<SurveyTriggerItemDto>, ProblemHttpResult, ValidationProblem>> AddEventTriggerAsync(
        Guid surveyId, EventTriggerInputDto input, SurveyBook book, SurveyTriggers triggers, Loc l, CancellationToken ct)
    {
        if (await book.FindAsync(surveyId, ct) is null)
        {
            return ApiResults.NotFound("survey");
        }

        var (trigger, errors) = await triggers.AddEventTriggerAsync(surveyId, new EventTriggerInput
        {
            EventType = input.EventType, Touchpoint = input.Touchpoint, Delay = input.Delay, DelayUnit = input.DelayUnit,
        }, ct);
        return errors.Any ? Invalid(errors, l) : TypedResults.Created($"/api/v1/surveys/{surveyId}/triggers/{trigger!.Id}", Dto(trigger));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveTriggerAsync(Guid surveyId, Guid triggerId, SurveyBook book, SurveyTriggers triggers, CancellationToken ct) =>
        await book.FindAsync(surveyId, ct) is not null && await triggers.RemoveAsync(surveyId, triggerId, ct)
            ? TypedResults.NoContent()
            : ApiResults.NotFound("trigger");

    private static async Task<SurveyScheduleDto> ScheduleDtoAsync(SurveySchedule? s, SurveySchedules schedules, CancellationToken ct)
    {
        var zone = (await schedules.TimeZoneAsync(ct)).Id;
        if (s is null)
        {
            return new SurveyScheduleDto(false, null, null, null, null, null, zone, null, null);
        }

        var run = await schedules.LastRunAsync(s, ct);
        return new SurveyScheduleDto(s.Enabled, s.Attribute, s.Value, s.EveryMonths, s.FirstDay, s.Hour, zone, s.NextRunAt,
            run is null ? null : new SurveyScheduleRunDto(run.At, !run.Running, run.Invited, run.Skipped, run.SkippedBy, run.Note));
    }

    private static async Task<Results<Ok<SurveyScheduleDto>, ProblemHttpResult>> ScheduleAsync(Guid surveyId, SurveyBook book, SurveySchedules schedules, CancellationToken ct) =>
        await book.FindAsync(surveyId, ct) is null
            ? ApiResults.NotFound("survey")
            : TypedResults.Ok(await ScheduleDtoAsync(await schedules.FindAsync(surveyId, ct), schedules, ct));

    private static async Task<Results<Ok<SurveyScheduleDto>, ProblemHttpResult, ValidationProblem>> SaveScheduleAsync(
        Guid surveyId, SurveyScheduleInputDto input, SurveyBook book, SurveySchedules schedules, Loc l, CancellationToken ct)
    {
        if (await book.FindAsync(surveyId, ct) is null)
        {
            return ApiResults.NotFound("survey");
        }

        var (saved, errors) = await schedules.SaveAsync(surveyId, new ScheduleInput
        {
            Enabled = input.Enabled, Attribute = input.Attribute, Value = input.Value, EveryMonths = input.EveryMonths, FirstDay = input.FirstDay, Hour = input.Hour,
        }, ct);
        return errors.Any ? Invalid(errors, l) : TypedResults.Ok(await ScheduleDtoAsync(saved, schedules, ct));
    }

    private static async Task<Ok<SurveySettingsDto>> SettingsAsync(SurveyBook book, CancellationToken ct) =>
        TypedResults.Ok(SettingsDto(await book.SettingsAsync(ct)));

    private static SurveySettingsDto SettingsDto(FeedbackSettings s) => new(s.FatigueDays, s.RequireSurveyConsent);

    private static async Task<Results<Ok<SurveySettingsDto>, ValidationProblem>> SaveSettingsAsync(SurveySettingsInputDto input, SurveyBook book, Loc l, CancellationToken ct)
    {
        var errors = await book.SaveSettingsAsync(input.FatigueDays, input.RequireConsent, ct);
        return errors.Any ? Invalid(errors, l) : TypedResults.Ok(SettingsDto(await book.SettingsAsync(ct)));
    }

    private static async Task<Results<Ok<SurveyResultsDto>, ProblemHttpResult, ValidationProblem>> ResultsAsync(
        Guid surveyId, DateOnly? from, DateOnly? to, SurveyBook book, SurveyResults results, Loc l, CancellationToken ct)
    {
        if (await book.FindAsync(surveyId, ct) is not { } survey)
        {
            return ApiResults.NotFound("survey");
        }

        if (await PeriodAsync(from, to, results, ct) is not { } period)
        {
            return ApiResults.Invalid("from", "Il periodo va da una data a una successiva, per al massimo {0} giorni.", l, MaxPeriodDays);
        }

        var r = await results.ResultsAsync(survey, period.From, period.To, ct);
        return TypedResults.Ok(new SurveyResultsDto(
            survey.Id, survey.Kind.ToString().ToLowerInvariant(), period.From, period.To, r.Score.Answers, r.Score.Value, r.Score.Margin, r.Score.Share, r.Score.Promoters, r.Score.Detractors,
            r.ScaleMin, r.Distribution, r.ByChannel, r.Invitations, r.InvitationsAnswered, r.Invitations == 0 ? null : 100.0 * r.InvitationsAnswered / r.Invitations));
    }

    private static async Task<Results<Ok<QuestionResultsDto>, ProblemHttpResult, ValidationProblem>> QuestionResultsAsync(
        Guid surveyId, DateOnly? from, DateOnly? to, int? version, SurveyBook book, SurveyResults results, QuestionResults questions, Loc l, CancellationToken ct)
    {
        if (await book.FindAsync(surveyId, ct) is not { } survey)
        {
            return ApiResults.NotFound("survey");
        }

        if (await PeriodAsync(from, to, results, ct) is not { } period)
        {
            return ApiResults.Invalid("from", "Il periodo va da una data a una successiva, per al massimo {0} giorni.", l, MaxPeriodDays);
        }

        var view = await questions.ResultsAsync(survey, version, period.From, period.To, ct);
        if (view is null || (version is { } asked && view.Version.Number != asked))
        {
            return view is null
                ? TypedResults.Ok(new QuestionResultsDto(survey.Id, 0, [], period.From, period.To, []))
                : ApiResults.Invalid("version", "Questa versione del sondaggio non fa altre domande.", l);
        }

        return TypedResults.Ok(new QuestionResultsDto(survey.Id, view.Version.Number, view.Versions.Select(v => v.Number).ToList(), period.From, period.To,
            view.Questions.Select(r => new QuestionResultDto(
                r.Question.Id, KindName(r.Question.Kind), r.Question.Text.It, r.Asked, r.Answered,
                r.Counts.Select(c => new QuestionValueCountDto(c.Value, r.Question.LabelOf(c.Value, "it"), c.Count)).ToList(), r.Mean,
                r.Texts.Select(t => t.Text).ToList())).ToList()));
    }

    private static async Task<Results<Ok<Cerchio.Paging.Page<AnswerDto>>, ValidationProblem>> AnswersAsync(
        DateOnly? from, DateOnly? to, Guid? survey, string? touchpoint, string? sentiment, string? topic, int? page, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page_size")] int? pageSize,
        SurveyResults results, Cerchio.Data.CerchioDb db, Loc l, CancellationToken ct)
    {
        if (sentiment is not null && !AnswerFilter.IsSentiment(sentiment))
        {
            return ApiResults.Invalid("sentiment", "Il sentiment è negative, neutral o positive.", l);
        }

        if (await PeriodAsync(from, to, results, ct) is not { } period)
        {
            return ApiResults.Invalid("from", "Il periodo va da una data a una successiva, per al massimo {0} giorni.", l, MaxPeriodDays);
        }

        var (number, size) = (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 50, 1, 200));
        var filter = new AnswerFilter(survey, string.IsNullOrWhiteSpace(touchpoint) ? null : touchpoint.Trim(), Sentiment: sentiment,
            Topic: string.IsNullOrWhiteSpace(topic) ? null : topic.Trim().ToLowerInvariant());
        var (rows, total) = await results.AnswersAsync(period.From, period.To, filter, (number - 1) * size, size, ct);
        var answers = await Respondent.AnswersAsync(db, rows.Select(r => r.Id).ToList(), ct);
        return TypedResults.Ok(new Cerchio.Paging.Page<AnswerDto>(
            rows.Select(r => Dto(r) with { Answers = answers.GetValueOrDefault(r.Id) }).ToList(), number, size, total));
    }

    public static AnswerDto Dto(AnswerRow r) => new(
        r.Id, r.SurveyId, r.SurveyName, r.Kind.ToString().ToLowerInvariant(), r.Score, r.Comment, r.Channel, r.TouchpointCode, r.CustomerId, r.CaseNumber, r.Language, r.AnsweredAt, r.Sent,
        r.Sentiment, r.Topics ?? [], r.Loop);

    /// <summary>The days from…to ask for (default: the last 30), or null when they make no period (reversed, over a year, absurd years).</summary>
    public static async Task<(DateOnly From, DateOnly To)?> PeriodAsync(DateOnly? from, DateOnly? to, SurveyResults results, CancellationToken ct)
    {
        var today = await results.TodayAsync(ct);
        // Dates outside 1900–9000 are a mistake, and would overflow the day arithmetic at the calendar's ends.
        if (from?.Year is < 1900 or > 9000 || to?.Year is < 1900 or > 9000)
        {
            return null;
        }

        var (f, t) = (from ?? (to ?? today).AddDays(-29), to ?? today);
        return f > t || t.DayNumber - f.DayNumber >= MaxPeriodDays ? null : (f, t);
    }

    private static SurveyInput? Input(SurveyInputDto d)
    {
        SurveyKind? kind = d.Kind?.Trim().ToLowerInvariant() switch { "nps" or null => SurveyKind.Nps, "csat" => SurveyKind.Csat, "ces" => SurveyKind.Ces, _ => null };
        return kind is null ? null : new SurveyInput
        {
            Name = d.Name, Kind = kind.Value, Touchpoint = d.Touchpoint, Brand = d.Brand, Color = d.Color, LowUpTo = d.LowUpTo,
            QuestionIt = d.QuestionIt, QuestionEn = d.QuestionEn, LowLabelIt = d.LowLabelIt, LowLabelEn = d.LowLabelEn, HighLabelIt = d.HighLabelIt, HighLabelEn = d.HighLabelEn,
            AskLowIt = d.AskLowIt, AskLowEn = d.AskLowEn, AskHighIt = d.AskHighIt, AskHighEn = d.AskHighEn, ThanksIt = d.ThanksIt, ThanksEn = d.ThanksEn,
            Questions = d.Questions?.Select(Input).ToList() ?? [],
        };
    }

    // "Questions[0].TextIt" is "questions[0].text_it" in JSON.
    private static ValidationProblem Invalid(Errors errors, Loc l) =>
        ApiResults.Invalid(errors.Renamed(name => string.Join('.', name.Split('.').Select(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName))), l);
}
