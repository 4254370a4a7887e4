namespace Cerchio.Text;

/// <summary>
/// The one rule for the text Cerchio accepts, on every edge (API bodies, forms, query strings, imported cells):
/// valid Unicode (no lone surrogate halves) and no control characters except tab, line feed and carriage return.
/// PostgreSQL refuses NUL while SQLite stores it; checking at the edge makes both databases behave alike and
/// keeps invisible characters out of names, exports and emails.
/// </summary>
public static class TextRules
{
    /// <summary>The Italian message of a refusal: {0} the character (U+XXXX), {1} its 1-based position.</summary>
    public const string ControlCharacter = "Il testo contiene un carattere di controllo non ammesso ({0}) alla posizione {1}.";

    /// <summary>The Italian message of a refusal for broken Unicode: {0} the 1-based position.</summary>
    public const string InvalidUnicode = "Il testo contiene una sequenza Unicode non valida alla posizione {0}.";

    /// <summary>Why <paramref name="value"/> is not acceptable text, or null when it is.</summary>
    public static ErrorMessage? Problem(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var index = IndexOfProblem(value);
        if (index < 0)
        {
            return null;
        }

        var c = value[index];
        return char.IsSurrogate(c)
            ? new ErrorMessage(InvalidUnicode, [index + 1])
            : new ErrorMessage(ControlCharacter, [$"U+{(int)c:X4}", index + 1]);
    }

    public static bool IsAcceptable(string? value) => value is null || IndexOfProblem(value) < 0;

    /// <summary>The index of the first refused character, or -1.</summary>
    public static int IndexOfProblem(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < ' ' || c is >= '\u007F' and <= '\u009F')
            {
                if (c is not ('\t' or '\n' or '\r'))
                {
                    return i;
                }
            }
            else if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return i;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The English versions of the rule's messages, for the modules' translation tables.</summary>
    public static IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        [ControlCharacter] = "The text contains a control character that is not allowed ({0}) at position {1}.",
        [InvalidUnicode] = "The text contains an invalid Unicode sequence at position {0}.",
        [JsonText.NotUnicode] = "The text is not valid Unicode (invalid UTF-8 bytes or a lone surrogate).",
    };
}

/// <summary>The shared kernel's own texts (the text rule's messages) in English.</summary>
public sealed class CoreTranslations : ITranslations
{
    public IReadOnlyDictionary<string, string> English => TextRules.English;
}
