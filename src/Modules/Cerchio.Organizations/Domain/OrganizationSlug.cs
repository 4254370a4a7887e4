using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Cerchio.Organizations.Domain;

/// <summary>
/// The organization's name in public addresses (<c>/contatti/rossi-arredamenti</c>): lowercase ASCII letters, digits
/// and single hyphens, so it reads well, survives any email client and needs no escaping.
/// </summary>
internal static partial class OrganizationSlug
{
    public const int MinLength = 3;
    public const int MaxLength = 50;

    /// <summary>Words that would read as part of Cerchio rather than as a company, or that a future route may want.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
    {
        "admin", "amministrazione", "api", "app", "assistenza", "cerchio", "clienti", "contatti", "demo", "embed", "errore",
        "help", "login", "modulo", "new", "nuova", "organizzazioni", "root", "static", "supporto", "test", "www",
    };

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex Shape();

    /// <summary>The slug a name suggests ("Caffè Rossi & Figli S.r.l." → "caffe-rossi-figli-s-r-l"), or "organizzazione" when nothing is left.</summary>
    public static string From(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;   // the accent of "è" goes, the "e" stays
            }

            var ascii = c is >= 'a' and <= 'z' or >= '0' and <= '9';
            if (ascii)
            {
                text.Append(c);
            }
            else if (text.Length > 0 && text[^1] != '-')
            {
                text.Append('-');
            }
        }

        var slug = text.ToString().Trim('-');
        if (slug.Length > MaxLength)
        {
            slug = slug[..MaxLength].TrimEnd('-');
        }

        return slug.Length < MinLength || Reserved.Contains(slug) ? "organizzazione" : slug;
    }

    /// <summary>The candidate for the n-th try: the slug itself, then "-2", "-3"… cut so the whole stays within the limit.</summary>
    public static string Candidate(string slug, int attempt)
    {
        if (attempt <= 1)
        {
            return slug;
        }

        var suffix = "-" + attempt.ToString(CultureInfo.InvariantCulture);
        return slug.Length + suffix.Length > MaxLength ? slug[..(MaxLength - suffix.Length)].TrimEnd('-') + suffix : slug + suffix;
    }

    /// <summary>Why an administrator's slug cannot be used (its shape only; uniqueness is the caller's), or null.</summary>
    public static string? Problem(string? slug)
    {
        if (string.IsNullOrWhiteSpace(slug))
        {
            return "L'indirizzo pubblico è obbligatorio.";
        }

        if (slug.Length < MinLength || slug.Length > MaxLength)
        {
            return "L'indirizzo pubblico deve avere da 3 a 50 caratteri.";
        }

        if (!Shape().IsMatch(slug))
        {
            return "Usa solo lettere minuscole senza accenti, cifre e trattini singoli (non all'inizio né alla fine).";
        }

        return Reserved.Contains(slug) ? "Questo indirizzo è riservato: scegline un altro." : null;
    }
}
