using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Cerchio.Data;
using Cerchio.Feedback.Contracts;
using Cerchio.Feedback.Domain;
using Cerchio.Organizations.Contracts;
using Cerchio.Touchpoints;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Feedback.Features.Surveys;

/// <summary>A survey as its form edits it: the name, the score, where answers come from, and every text in both languages.</summary>
internal sealed class SurveyInput
{
    public string? Name { get; set; }
    public SurveyKind Kind { get; set; } = SurveyKind.Nps;
    public string? Touchpoint { get; set; }
    public string? Brand { get; set; }
    public string? Color { get; set; }
    public int? LowUpTo { get; set; }
    public string? QuestionIt { get; set; }
    public string? QuestionEn { get; set; }
    public string? LowLabelIt { get; set; }
    public string? LowLabelEn { get; set; }
    public string? HighLabelIt { get; set; }
    public string? HighLabelEn { get; set; }
    public string? AskLowIt { get; set; }
    public string? AskLowEn { get; set; }
    public string? AskHighIt { get; set; }
    public string? AskHighEn { get; set; }
    public string? ThanksIt { get; set; }
    public string? ThanksEn { get; set; }

    /// <summary>The further questions, in order.</summary>
    public List<QuestionInput> Questions
    {
        get => _questions;
        set => _questions = value ?? []; // a form posted without any sets it to null
    }

    private List<QuestionInput> _questions = [];

    /// <summary>The form's buttons that change the list of questions without saving ("add:scale", "remove:2", "up:1").</summary>
    public string? Command { get; set; }

    /// <summary>The form of a new survey: the kind's default texts, already in place.</summary>
    public static SurveyInput New(SurveyKind kind, string brand) => Of(kind, null, brand, Survey.DefaultColor, SurveyTexts.Default(kind), "");

    public static SurveyInput From(Survey s) => Of(s.Kind, s.TouchpointCode, s.Brand, s.Color, s.Draft, s.Name);

    private static SurveyInput Of(SurveyKind kind, string? touchpoint, string brand, string color, SurveyTexts t, string name) => new()
    {
        Name = name, Kind = kind, Touchpoint = touchpoint, Brand = brand, Color = color, LowUpTo = t.LowUpTo,
        QuestionIt = t.Question.It, QuestionEn = t.Question.En, LowLabelIt = t.LowLabel.It, LowLabelEn = t.LowLabel.En,
        HighLabelIt = t.HighLabel.It, HighLabelEn = t.HighLabel.En, AskLowIt = t.AskLow.It, AskLowEn = t.AskLow.En,
        AskHighIt = t.AskHigh.It, AskHighEn = t.AskHigh.En, ThanksIt = t.Thanks.It, ThanksEn = t.Thanks.En,
        Questions = t.Extra.Select(QuestionInput.From).ToList(),
    };

    /// <summary>
    /// Carries out <see cref="Command"/> on the list of questions (the form redraws it, nothing is saved); false when
    /// there is none to carry out.
    /// </summary>
    public bool Apply()
    {
        var parts = (Command ?? "").Split(':', 2);
        Command = null;
        if (parts.Length != 2)
        {
            return false;
        }

        if (parts[0] == "add")
        {
            if (Questions.Count < SurveyQuestion.MaxQuestions && Enum.TryParse<QuestionKind>(parts[1], ignoreCase: true, out var kind) && Enum.IsDefined(kind))
            {
                Questions.Add(new QuestionInput { Kind = kind.ToString().ToLowerInvariant(), Points = kind == QuestionKind.Scale ? 5 : null });
            }

            return true;
        }

        if (!int.TryParse(parts[1], out var i) || i < 0 || i >= Questions.Count)
        {
            return true;
        }

        switch (parts[0])
        {
            case "remove":
                Questions.RemoveAt(i);
                break;
            case "up" when i > 0:
                (Questions[i - 1], Questions[i]) = (Questions[i], Questions[i - 1]);
                break;
            case "down" when i < Questions.Count - 1:
                (Questions[i + 1], Questions[i]) = (Questions[i], Questions[i + 1]);
                break;
        }

        return true;
    }

    /// <summary>The texts, trimmed; a text left empty takes the kind's default (in Italian) or falls back to the Italian (in English).</summary>
    public SurveyTexts Texts()
    {
        var d = SurveyTexts.Default(Kind);
        // Neither given: the default in both languages. Italian only: the English falls back to it (not to a default
        // that would ask something else).
        LocalText T(string? it, string? en, LocalText fallback) =>
            Clean(it) is null && Clean(en) is null ? fallback : new(Clean(it) ?? fallback.It, Clean(en) ?? "");
        return new SurveyTexts(
            T(QuestionIt, QuestionEn, d.Question), T(LowLabelIt, LowLabelEn, d.LowLabel), T(HighLabelIt, HighLabelEn, d.HighLabel),
            LowUpTo ?? d.LowUpTo, T(AskLowIt, AskLowEn, d.AskLow), T(AskHighIt, AskHighEn, d.AskHigh), T(ThanksIt, ThanksEn, d.Thanks),
            Questions.Count == 0 ? null : Questions.Select(q => q.Question()).ToList());
    }

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>A further question as the survey's form and the API edit it: its choices one per line, in each language.</summary>
internal sealed class QuestionInput
{
    /// <summary>Empty for a new question: saving gives it one, which it keeps across versions.</summary>
    public string? Id { get; set; }
    public string? Kind { get; set; }
    public string? TextIt { get; set; }
    public string? TextEn { get; set; }
    public bool Required { get; set; }
    public string? OptionsIt { get; set; }
    public string? OptionsEn { get; set; }
    public int? Points { get; set; }
    public string? LowLabelIt { get; set; }
    public string? LowLabelEn { get; set; }
    public string? HighLabelIt { get; set; }
    public string? HighLabelEn { get; set; }
    public int? ScoreFrom { get; set; }
    public int? ScoreTo { get; set; }

    public QuestionKind? KindOf => Enum.TryParse<QuestionKind>(Kind?.Replace("_", ""), ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : null;

    public static QuestionInput From(SurveyQuestion q) => new()
    {
        Id = q.Id, Kind = q.Kind.ToString().ToLowerInvariant(), TextIt = q.Text.It, TextEn = q.Text.En, Required = q.Required,
        OptionsIt = q.Options is null ? null : string.Join('\n', q.Choices.Select(o => o.Label.It)),
        OptionsEn = q.Options is null ? null : string.Join('\n', q.Choices.Select(o => o.Label.En)).TrimEnd('\n'),
        Points = q.Kind == QuestionKind.Scale ? q.Points : null, LowLabelIt = q.LowLabel?.It, LowLabelEn = q.LowLabel?.En,
        HighLabelIt = q.HighLabel?.It, HighLabelEn = q.HighLabel?.En, ScoreFrom = q.ScoreFrom, ScoreTo = q.ScoreTo,
    };

    /// <summary>A text's lines, trimmed, without the empty ones at its end (an English line may be left empty in the middle).</summary>
    public static IReadOnlyList<string> Lines(string? text)
    {
        var lines = (text ?? "").Split('\n').Select(l => l.Trim()).ToList();
        return lines.GetRange(0, lines.FindLastIndex(l => l.Length > 0) + 1);
    }

    /// <summary>The question as stored; call it on a validated input (<see cref="SurveyBook"/> checks it first).</summary>
    public SurveyQuestion Question()
    {
        var kind = KindOf ?? QuestionKind.Text;
        LocalText? Label(string? it, string? en) => SurveyInput.Clean(it) is { } i ? new(i, SurveyInput.Clean(en) ?? "") : null;
        IReadOnlyList<QuestionOption>? options = null;
        if (kind is QuestionKind.Single or QuestionKind.Multiple)
        {
            // The English lines pair with the Italian ones by position; an empty Italian line is no choice.
            var (it, en) = (Lines(OptionsIt), Lines(OptionsEn));
            options = it.Select((label, i) => (label, en: i < en.Count ? en[i] : "")).Where(p => p.label.Length > 0)
                .Select((p, i) => new QuestionOption(SurveyQuestion.CodeOf(p.label, i), new LocalText(p.label, p.en))).ToList();
        }

        var scale = kind == QuestionKind.Scale;
        return new SurveyQuestion(
            SurveyInput.Clean(Id) ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), kind, new LocalText(SurveyInput.Clean(TextIt) ?? "", SurveyInput.Clean(TextEn) ?? ""), Required,
            options, scale ? Points ?? 5 : 0, scale ? Label(LowLabelIt, LowLabelEn) : null, scale ? Label(HighLabelIt, HighLabelEn) : null, ScoreFrom, ScoreTo);
    }
}

/// <summary>The organization's surveys: written, published in versions, closed.</summary>
internal sealed partial class SurveyBook(CerchioDb db, ITouchpointCatalog touchpoints, IOrganizationDirectory organization, Cerchio.Tenancy.OrganizationContext tenant, TimeProvider clock)
{
    public const string ListPath = "/ascolto/sondaggi";

    public static string PathOf(Guid id) => $"{ListPath}/{id}";

    public static string EditPathOf(Guid id) => $"{ListPath}/{id}/modifica";

    public static string ImportPathOf(Guid id) => $"{ListPath}/{id}/importa";

    public Task<List<Survey>> ListAsync(CancellationToken ct = default) =>
        db.Set<Survey>().AsNoTracking().OrderBy(s => s.Status == SurveyStatus.Closed).ThenBy(s => s.Name).ToListAsync(ct);

    public Task<Survey?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.Set<Survey>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);

    public Task<string> BrandAsync(CancellationToken ct = default) => organization.NameAsync(ct);

    /// <summary>Creates (<paramref name="id"/> null) or edits a survey's draft; a live survey's respondents keep seeing its current version until it is published again.</summary>
    public async Task<(Survey? Survey, Errors Errors)> SaveAsync(Guid? id, SurveyInput input, CancellationToken ct = default)
    {
        var survey = id is { } existing ? await db.Set<Survey>().FirstOrDefaultAsync(s => s.Id == existing, ct) : null;
        if (id is not null && survey is null)
        {
            return (null, new Errors().Add("Survey", "Il sondaggio non esiste più."));
        }

        var errors = await ValidateAsync(input, survey, ct);
        if (errors.Any)
        {
            return (null, errors);
        }

        var now = clock.GetUtcNow();
        if (survey is null)
        {
            survey = new Survey { Id = Ids.New(), Kind = input.Kind, PublicKey = NewKey(), CreatedAt = now };
            db.Add(survey);
        }

        survey.Name = input.Name!.Trim();
        survey.TouchpointCode = (await touchpoints.FindAsync(input.Touchpoint ?? "", ct))?.Code;
        survey.Brand = SurveyInput.Clean(input.Brand) ?? await organization.NameAsync(ct);
        survey.Color = SurveyInput.Clean(input.Color)?.ToLowerInvariant() ?? Survey.DefaultColor;
        survey.DraftTexts = input.Texts().Write();
        survey.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return (survey, errors);
    }

    private async Task<Errors> ValidateAsync(SurveyInput input, Survey? survey, CancellationToken ct)
    {
        var errors = new Errors();
        if (SurveyInput.Clean(input.Name) is not { } name || name.Length > Survey.MaxName)
        {
            errors.Add("Name", "Il nome è obbligatorio (al massimo {0} caratteri).", Survey.MaxName);
        }

        if (!Enum.IsDefined(input.Kind))
        {
            errors.Add("Kind", "Scegli NPS, CSAT o CES.");
        }
        else if (survey is not null && survey.Versions > 0 && input.Kind != survey.Kind)
        {
            errors.Add("Kind", "Il tipo di punteggio non cambia dopo la pubblicazione: le risposte non sarebbero più confrontabili. Crea un nuovo sondaggio.");
        }

        if (SurveyInput.Clean(input.Touchpoint) is { } code && await touchpoints.FindAsync(code, ct) is null)
        {
            errors.Add("Touchpoint", "Scegli un touchpoint del catalogo.");
        }

        if (SurveyInput.Clean(input.Brand) is { Length: > Survey.MaxBrand })
        {
            errors.Add("Brand", "Al massimo {0} caratteri.", Survey.MaxBrand);
        }

        if (SurveyInput.Clean(input.Color) is { } color && !ColorRule().IsMatch(color))
        {
            errors.Add("Color", "Scrivi il colore come #rrggbb, per esempio #0b5cad.");
        }

        if (Enum.IsDefined(input.Kind) && input.LowUpTo is { } low)
        {
            var (min, max) = Survey.ScaleOf(input.Kind);
            if (low < min || low >= max)
            {
                errors.Add("LowUpTo", "Scegli un punteggio tra {0} e {1}.", min, max - 1);
            }
        }

        ValidateQuestions(input, errors);
        foreach (var (field, text) in new[]
        {
            ("QuestionIt", input.QuestionIt), ("QuestionEn", input.QuestionEn), ("LowLabelIt", input.LowLabelIt), ("LowLabelEn", input.LowLabelEn),
            ("HighLabelIt", input.HighLabelIt), ("HighLabelEn", input.HighLabelEn), ("AskLowIt", input.AskLowIt), ("AskLowEn", input.AskLowEn),
            ("AskHighIt", input.AskHighIt), ("AskHighEn", input.AskHighEn), ("ThanksIt", input.ThanksIt), ("ThanksEn", input.ThanksEn),
        })
        {
            if (SurveyInput.Clean(text) is { Length: > SurveyTexts.MaxText })
            {
                errors.Add(field, "Al massimo {0} caratteri.", SurveyTexts.MaxText);
            }
        }

        return errors;
    }

    private static void ValidateQuestions(SurveyInput input, Errors errors)
    {
        if (input.Questions.Count > SurveyQuestion.MaxQuestions)
        {
            errors.Add("Questions", "Al massimo {0} domande.", SurveyQuestion.MaxQuestions);
            return;
        }

        var (min, max) = Enum.IsDefined(input.Kind) ? Survey.ScaleOf(input.Kind) : (0, 10);
        var ids = new HashSet<string>();
        for (var i = 0; i < input.Questions.Count; i++)
        {
            var q = input.Questions[i];
            var field = $"Questions[{i}].";
            if (SurveyInput.Clean(q.Id) is { } id && (id.Length > SurveyAnswerItem.MaxQuestionId || !id.All(char.IsAsciiLetterOrDigit) || !ids.Add(id)))
            {
                errors.Add(field + "Id", "Codice della domanda non valido o ripetuto.");
            }

            if (q.KindOf is not { } kind)
            {
                errors.Add(field + "Kind", "Scegli scala, scelta singola, scelta multipla, testo o sì/no.");
                continue;
            }

            if (SurveyInput.Clean(q.TextIt) is not { } text || text.Length > SurveyTexts.MaxText)
            {
                errors.Add(field + "TextIt", "Scrivi la domanda (al massimo {0} caratteri).", SurveyTexts.MaxText);
            }

            foreach (var (name, value) in new[] { ("TextEn", q.TextEn), ("LowLabelIt", q.LowLabelIt), ("LowLabelEn", q.LowLabelEn), ("HighLabelIt", q.HighLabelIt), ("HighLabelEn", q.HighLabelEn) })
            {
                if (SurveyInput.Clean(value) is { Length: > SurveyTexts.MaxText })
                {
                    errors.Add(field + name, "Al massimo {0} caratteri.", SurveyTexts.MaxText);
                }
            }

            if (kind is QuestionKind.Single or QuestionKind.Multiple)
            {
                var options = QuestionInput.Lines(q.OptionsIt).Where(l => l.Length > 0).ToList();
                var codes = options.Select(SurveyQuestion.CodeOf).ToList();
                if (options.Count < 2 || options.Count > SurveyQuestion.MaxOptions)
                {
                    errors.Add(field + "OptionsIt", "Scrivi da 2 a {0} risposte, una per riga.", SurveyQuestion.MaxOptions);
                }
                else if (options.Any(o => o.Length > 200) || QuestionInput.Lines(q.OptionsEn).Any(o => o.Length > 200))
                {
                    errors.Add(field + "OptionsIt", "Ogni risposta al massimo {0} caratteri.", 200);
                }
                else if (codes.Distinct().Count() != codes.Count)
                {
                    errors.Add(field + "OptionsIt", "Due risposte sono uguali: ognuna deve essere diversa.");
                }
                else if (QuestionInput.Lines(q.OptionsEn).Count > QuestionInput.Lines(q.OptionsIt).Count)
                {
                    errors.Add(field + "OptionsEn", "Le risposte in inglese sono più di quelle in italiano: una per riga, nello stesso ordine.");
                }
            }

            if (kind == QuestionKind.Scale && q.Points is { } points && (points < SurveyQuestion.MinPoints || points > SurveyQuestion.MaxPoints))
            {
                errors.Add(field + "Points", "Da {0} a {1} punti.", SurveyQuestion.MinPoints, SurveyQuestion.MaxPoints);
            }

            if (q.ScoreFrom is { } from && (from < min || from > max) || q.ScoreTo is { } to && (to < min || to > max))
            {
                errors.Add(field + "ScoreFrom", "Il punteggio va da {0} a {1}.", min, max);
            }
            else if (q.ScoreFrom > q.ScoreTo)
            {
                errors.Add(field + "ScoreFrom", "Il primo punteggio non può superare il secondo.");
            }
        }
    }

    /// <summary>Publishes the draft (a new version when its texts changed) and opens the survey to answers.</summary>
    public async Task<Survey?> PublishAsync(Guid id, CancellationToken ct = default)
    {
        var survey = await db.Set<Survey>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null)
        {
            return null;
        }

        var current = survey.CurrentVersionId is { } v ? await db.Set<SurveyVersion>().FirstAsync(x => x.Id == v, ct) : null;
        if (survey.Publish(current, clock.GetUtcNow()) is { } version)
        {
            db.Add(version);
        }

        await db.SaveChangesAsync(ct);
        return survey;
    }

    /// <summary>Stops (or, with <paramref name="open"/>, resumes) taking answers; a survey never published cannot be resumed.</summary>
    public async Task<Survey?> SetOpenAsync(Guid id, bool open, CancellationToken ct = default)
    {
        var survey = await db.Set<Survey>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null || (open && survey.CurrentVersionId is null))
        {
            return survey;
        }

        survey.Status = open ? SurveyStatus.Live : SurveyStatus.Closed;
        survey.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return survey;
    }

    /// <summary>Whether the draft differs from what respondents see now.</summary>
    public async Task<bool> HasUnpublishedChangesAsync(Survey survey, CancellationToken ct = default) =>
        survey.CurrentVersionId is not { } v || await db.Set<SurveyVersion>().Where(x => x.Id == v).Select(x => x.Texts).FirstAsync(ct) != survey.DraftTexts;

    public async Task<int> FatigueDaysAsync(CancellationToken ct = default) => (await SettingsAsync(ct)).FatigueDays;

    /// <summary>The rules across all surveys (the defaults until someone sets them).</summary>
    public async Task<FeedbackSettings> SettingsAsync(CancellationToken ct = default) =>
        await db.Set<FeedbackSettings>().AsNoTracking().FirstOrDefaultAsync(ct) ?? new FeedbackSettings();

    /// <summary>Sets the rules across all surveys; what is left out (null) stays as it is.</summary>
    public async Task<Errors> SaveSettingsAsync(int? days, bool? requireConsent, CancellationToken ct = default)
    {
        var errors = new Errors();
        if (days is < 0 or > 365)
        {
            return errors.Add("FatigueDays", "Da 0 (nessun limite) a 365 giorni.");
        }

        var settings = await db.Set<FeedbackSettings>().FirstOrDefaultAsync(ct);
        if (settings is null)
        {
            settings = new FeedbackSettings { OrganizationId = tenant.RequiredOrganizationId };
            db.Add(settings);
        }

        settings.FatigueDays = days ?? settings.FatigueDays;
        settings.RequireSurveyConsent = requireConsent ?? settings.RequireSurveyConsent;
        await db.SaveChangesAsync(ct);
        return errors;
    }

    /// <summary>22 characters of a random 128-bit number, URL-safe.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorRule();
}
