using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cerchio.Text;

/// <summary>A JSON string value that breaks <see cref="TextRules"/>; the framework adds where it was found.</summary>
public sealed class TextRuleJsonException(ErrorMessage problem) : JsonException(string.Format(System.Globalization.CultureInfo.InvariantCulture, problem.Text, problem.Args))
{
    public ErrorMessage Problem { get; } = problem;
}

/// <summary>
/// Every string read from an API body, property names included, passes <see cref="TextRules"/>: a refusal becomes
/// the request's 400 with the place of the bad value, before any handler sees the text.
/// </summary>
public sealed class CheckedStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Checked(ref reader)
            : throw new JsonException($"Expected a string, found {reader.TokenType}.");

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(ref reader);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static string Checked(ref Utf8JsonReader reader)
    {
        string value;
        try
        {
            value = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 bytes, or an escaped lone surrogate ("\udc00"): not text at all.
            throw new TextRuleJsonException(new ErrorMessage(JsonText.NotUnicode, []));
        }

        return TextRules.Problem(value) is { } problem ? throw new TextRuleJsonException(problem) : value;
    }
}

/// <summary>Reading strings out of a <see cref="JsonElement"/> (bodies judged item by item) under the same rule.</summary>
public static class JsonText
{
    public const string NotUnicode = "Il testo non è Unicode valido (byte UTF-8 non validi o un surrogato isolato).";

    /// <summary>The string of a property (null when absent or not a string), or the reason it cannot be accepted.</summary>
    public static (string? Value, ErrorMessage? Problem) String(JsonElement item, string name)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return (null, null);
        }

        return String(value);
    }

    public static (string? Value, ErrorMessage? Problem) String(JsonElement value)
    {
        try
        {
            var text = value.GetString();
            return TextRules.Problem(text) is { } problem ? (null, problem) : (text, null);
        }
        catch (InvalidOperationException)
        {
            return (null, new ErrorMessage(NotUnicode, []));
        }
    }

    /// <summary>The first string (value or property name) anywhere inside <paramref name="element"/> that breaks the rule.</summary>
    public static ErrorMessage? FirstProblem(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return String(element).Problem;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstProblem(item) is { } inItem)
                    {
                        return inItem;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return new ErrorMessage(NotUnicode, []);
                    }

                    if ((TextRules.Problem(name) ?? FirstProblem(property.Value)) is { } inProperty)
                    {
                        return inProperty;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
