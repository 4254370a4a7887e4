using System.Globalization;
using Cerchio.Feedback.Contracts;

namespace Cerchio.Feedback.Features.Surveys;

/// <summary>A score as pages write it: "NPS +32 ± 9", "CSAT 84% ± 5", "CES 5,6 ± 0,3", or a dash without answers.</summary>
internal static class ScoreText
{
    public static string Of(ScoreResult r)
    {
        if (r.Value is not { } v)
        {
            return "—";
        }

        var margin = r.Margin is { } m ? $" ± {m.ToString(r.Kind == SurveyKind.Ces ? "0.0" : "0", CultureInfo.CurrentCulture)}" : "";
        return r.Kind switch
        {
            SurveyKind.Nps => $"{v.ToString("+0;−0;0", CultureInfo.CurrentCulture)}{margin}",
            SurveyKind.Csat => $"{v.ToString("0", CultureInfo.CurrentCulture)}%{margin}",
            _ => $"{v.ToString("0.0", CultureInfo.CurrentCulture)}{margin}",
        };
    }
}
