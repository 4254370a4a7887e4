using System.Text;
using System.Text.Json.Serialization;
using Cerchio.Tenancy;

namespace Cerchio.Feedback.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<QuestionKind>))]
internal enum QuestionKind
{
    /// <summary>A rating from 1 to <see cref="SurveyQuestion.Points"/>.</summary>
    Scale = 1,
    Single = 2,
    Multiple = 3,
    Text = 4,
    YesNo = 5,
}

/// <summary>A choice of a single or multiple choice question; its code is what answers store, so it stays the same while its Italian label does.</summary>
internal sealed record QuestionOption(string Code, LocalText Label);

/// <summary>
/// A question the survey asks after its score, beside the comment: a scale, a single or multiple choice, a free text
/// or yes/no. <see cref="ScoreFrom"/>…<see cref="ScoreTo"/> is its logic: asked only when the score falls there
/// ("what went wrong?" only to detractors). Its <see cref="Id"/> stays the same across versions.
/// </summary>
internal sealed record SurveyQuestion(
    string Id, QuestionKind Kind, LocalText Text, bool Required, IReadOnlyList<QuestionOption>? Options = null, int Points = 0,
    LocalText? LowLabel = null, LocalText? HighLabel = null, int? ScoreFrom = null, int? ScoreTo = null)
{
    public const int MaxQuestions = 20;
    public const int MaxOptions = 20;
    public const int MaxOptionCode = 40;
    public const int MaxAnswer = 2_000;
    public const int MinPoints = 3;
    public const int MaxPoints = 10;
    public const string Yes = "si";
    public const string No = "no";

    [JsonIgnore]
    public IReadOnlyList<QuestionOption> Choices => Options ?? [];

    /// <summary>Whether a respondent with this score is asked it.</summary>
    public bool AppliesTo(int? score) => (ScoreFrom is null || score >= ScoreFrom) && (ScoreTo is null || score <= ScoreTo);

    /// <summary>The values an answer may hold; null for free text.</summary>
    [JsonIgnore]
    public IReadOnlyList<string>? Allowed => Kind switch
    {
        QuestionKind.Scale => Enumerable.Range(1, Points).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
        QuestionKind.YesNo => [Yes, No],
        QuestionKind.Text => null,
        _ => Choices.Select(o => o.Code).ToList(),
    };

    /// <summary>Values in the order the question offers them (a multiple choice's, as the respondent read them).</summary>
    public IEnumerable<string> InOrder(IEnumerable<string> values) =>
        Allowed is { } allowed ? values.OrderBy(v => allowed.ToList().IndexOf(v)) : values;

    /// <summary>What a stored value says to a reader in the language given (an option's label, "Sì", "4 su 5").</summary>
    public string LabelOf(string value, string? language) => Kind switch
    {
        QuestionKind.YesNo => value == Yes ? (language == "en" ? "Yes" : "Sì") : (language == "en" ? "No" : "No"),
        QuestionKind.Single or QuestionKind.Multiple => Choices.FirstOrDefault(o => o.Code == value)?.Label.In(language) ?? value,
        _ => value,
    };

    /// <summary>
    /// Checks a respondent's values for this question (the form's, as posted): null when they may be stored, otherwise the
    /// message to show beside it. Values are trimmed; an empty text is no answer.
    /// </summary>
    public (IReadOnlyList<string> Values, string? Error) Check(IEnumerable<string?> posted)
    {
        var values = posted.Select(v => v?.Trim()).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct().ToList();
        if (values.Count == 0)
        {
            return (values, Required ? "Rispondi a questa domanda." : null);
        }

        if (Kind == QuestionKind.Text)
        {
            return values.Count > 1 || values[0].Length > MaxAnswer ? (values, "Al massimo {0} caratteri.") : (values, null);
        }

        var allowed = Allowed!;
        if (values.Any(v => !allowed.Contains(v)) || (Kind != QuestionKind.Multiple && values.Count > 1))
        {
            return (values, "Scegli una delle risposte proposte.");
        }

        return (values, null);
    }

    /// <summary>An option's code from its Italian label: lower-case letters, digits and hyphens ("Troppo caro!" → "troppo-caro").</summary>
    public static string CodeOf(string label, int index)
    {
        var code = new StringBuilder();
        foreach (var c in label.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                code.Append(c);
            }
            else if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark && code.Length > 0 && code[^1] != '-')
            {
                code.Append('-');
            }

            if (code.Length >= MaxOptionCode)
            {
                break;
            }
        }

        var s = code.ToString().Trim('-');
        return s.Length == 0 ? $"opzione-{index + 1}" : s;
    }
}

/// <summary>One value of an answer to a <see cref="SurveyQuestion"/>: a multiple choice stores a row per option chosen, so the results count them in SQL.</summary>
internal sealed class SurveyAnswerItem : IOrganizationScoped
{
    public const int MaxQuestionId = 16;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ResponseId { get; set; }
    public Guid SurveyId { get; set; }
    public string QuestionId { get; set; } = "";
    public string Value { get; set; } = "";
}
