using System.Globalization;

namespace Cerchio.Text;

/// <summary>
/// A module's English texts, keyed by the Italian original. Italian is the source language: pages
/// write Italian, and <see cref="Loc"/> swaps in English when the person chose it.
/// </summary>
public interface ITranslations
{
    IReadOnlyDictionary<string, string> English { get; }
}

public sealed class Loc
{
    public static readonly string[] Languages = ["it", "en"];
    private readonly Dictionary<string, string> _english = new(StringComparer.Ordinal);

    public Loc(IEnumerable<ITranslations> sources)
    {
        foreach (var source in sources)
        {
            foreach (var (italian, english) in source.English)
            {
                _english[italian] = english;
            }
        }
    }

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public string this[string italian] =>
        IsEnglish && _english.TryGetValue(italian, out var english) ? english : italian;

    /// <summary>Formats a translated composite string with the current culture.</summary>
    /// <remarks>Without arguments the text is not formatted: it may already be a formatted message (say, one that
    /// quotes an email with braces in it).</remarks>
    public string F(string italian, params object?[] args) =>
        args.Length == 0 ? this[italian] : string.Format(CultureInfo.CurrentCulture, this[italian], args);

    public bool HasEnglish(string italian) => _english.ContainsKey(italian);

    public static CultureInfo CultureFor(string? language) =>
        CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : "it-IT");

    /// <summary>
    /// Renders something in another person's language (an email, a notification to a colleague who reads English),
    /// then puts the request's culture back.
    /// </summary>
    public static T In<T>(string? language, Func<T> render)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureFor(language);
            return render();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}

public static class LocExtensions
{
    public static string Format(this Loc l, ErrorMessage message) => l.F(message.Text, message.Args);
}
