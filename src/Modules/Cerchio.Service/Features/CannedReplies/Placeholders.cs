using System.Text.RegularExpressions;

namespace Cerchio.Service.Features.CannedReplies;

/// <summary>What a canned reply's placeholders stand for on one case.</summary>
/// <param name="Customer">The customer's name, else the requester's; none gives a neutral word.</param>
/// <param name="Agent">The display name of the person inserting the reply.</param>
internal sealed record PlaceholderValues(string? Customer, int CaseNumber, string? Agent, string Subject);

/// <summary>
/// <c>{{cliente}}</c>, <c>{{pratica}}</c>, <c>{{operatore}}</c>, <c>{{oggetto}}</c>, filled in when a reply is
/// inserted, never when it is saved: the same text serves every case. Anything else between double braces is left as
/// typed, so a typo shows up in the reply the agent reads before sending instead of vanishing.
/// </summary>
internal static partial class Placeholders
{
    public static readonly IReadOnlyList<string> Known = ["cliente", "pratica", "operatore", "oggetto"];

    // Spaces inside the braces and any case are forgiven: "{{ Cliente }}" is what people type.
    [GeneratedRegex(@"\{\{\s*([^{}\s]*)\s*\}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Token();

    public static string Expand(string body, PlaceholderValues values, string? language)
    {
        var english = language == "en";
        return Token().Replace(body, m => m.Groups[1].Value.ToLowerInvariant() switch
        {
            "cliente" => Present(values.Customer) ?? (english ? "customer" : "cliente"),
            "pratica" => "#" + values.CaseNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "operatore" => Present(values.Agent) ?? (english ? "the support team" : "il servizio clienti"),
            "oggetto" => values.Subject,
            _ => m.Value,
        });
    }

    /// <summary>The placeholders <see cref="Expand"/> would leave as typed, each once, as written.</summary>
    public static IReadOnlyList<string> Unknown(string? body) =>
        string.IsNullOrEmpty(body)
            ? []
            : Token().Matches(body).Where(m => !Known.Contains(m.Groups[1].Value.ToLowerInvariant())).Select(m => m.Value).Distinct().ToList();

    private static string? Present(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
