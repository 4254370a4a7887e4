namespace Cerchio.Feedback.Contracts;

/// <summary>The score a survey asks for (PRODUCT.md, metric definitions).</summary>
public enum SurveyKind
{
    /// <summary>0–10, how likely to recommend.</summary>
    Nps = 1,

    /// <summary>1–5, how satisfied.</summary>
    Csat = 2,

    /// <summary>1–7, agreement with "the company made it easy to handle my request".</summary>
    Ces = 3,
}

/// <summary>
/// A score with its 95% confidence margin (value ± margin), as PRODUCT.md defines them: NPS = %promoters − %detractors
/// with ±1.96·√((p+d−(p−d)²)/n)·100; CSAT = share of 4–5 in % (Wald margin); CES = the mean with 1.96·s/√n, and its
/// share of 5–7. No answers: no value. One answer: its value, and a margin only where the formula gives one.
/// </summary>
/// <param name="Share">CES only: the share of 5–7, in %.</param>
/// <param name="Promoters">NPS only: promoters and detractors in %.</param>
public sealed record ScoreResult(SurveyKind Kind, int Answers, double? Value, double? Margin, double? Share = null, double? Promoters = null, double? Detractors = null)
{
    /// <summary>Below this many answers a page says the number is still uncertain.</summary>
    public const int FewAnswers = 30;
}

/// <summary>Counts answers per score value and turns them into the survey's metric (<see cref="ScoreResult"/>).</summary>
public sealed class ScoreTally(SurveyKind kind)
{
    private const double Z = 1.96;

    public SurveyKind Kind { get; } = kind;

    public (int Min, int Max) Scale { get; } = kind switch
    {
        SurveyKind.Nps => (0, 10),
        SurveyKind.Csat => (1, 5),
        _ => (1, 7),
    };

    private readonly long[] _counts = new long[kind == SurveyKind.Nps ? 11 : kind == SurveyKind.Csat ? 5 : 7];

    /// <summary>How many answers gave each value, from the scale's minimum up.</summary>
    public IReadOnlyList<long> Counts => _counts;

    public long Answers => _counts.Sum();

    /// <summary>Adds <paramref name="count"/> answers of <paramref name="score"/>; a score off the scale is refused.</summary>
    public ScoreTally Add(int score, long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(score, Scale.Min);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, Scale.Max);
        _counts[score - Scale.Min] += count;
        return this;
    }

    public ScoreResult Result()
    {
        var n = Answers;
        if (n == 0)
        {
            return new ScoreResult(Kind, 0, null, null);
        }

        double Between(int low, int high) => (double)Enumerable.Range(low, high - low + 1).Sum(v => _counts[v - Scale.Min]) / n;

        switch (Kind)
        {
            case SurveyKind.Nps:
            {
                var (p, d) = (Between(9, 10), Between(0, 6));
                var margin = Z * Math.Sqrt(Math.Max(0, p + d - ((p - d) * (p - d))) / n) * 100;
                return new ScoreResult(Kind, (int)n, (p - d) * 100, margin, Promoters: p * 100, Detractors: d * 100);
            }

            case SurveyKind.Csat:
            {
                var share = Between(4, 5);
                return new ScoreResult(Kind, (int)n, share * 100, Z * Math.Sqrt(share * (1 - share) / n) * 100);
            }

            default:
            {
                double sum = 0, squares = 0;
                for (var i = 0; i < _counts.Length; i++)
                {
                    var value = i + Scale.Min;
                    sum += (double)value * _counts[i];
                    squares += (double)value * value * _counts[i];
                }

                var mean = sum / n;
                // The sample's standard deviation needs two answers; with one the margin is unknown, not zero.
                double? margin = n < 2 ? null : Z * Math.Sqrt(Math.Max(0, (squares - (n * mean * mean)) / (n - 1)) / n);
                return new ScoreResult(Kind, (int)n, mean, margin, Share: Between(5, 7) * 100);
            }
        }
    }
}
