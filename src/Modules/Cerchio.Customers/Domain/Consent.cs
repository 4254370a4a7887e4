namespace Cerchio.Customers.Domain;

/// <summary>How a person's language and survey consent are written in forms, imports and the API.</summary>
internal static class Consent
{
    /// <summary>Null (left out), empty (not recorded), it or en.</summary>
    public static bool IsLanguage(string? language) => language is null || language.Trim().ToLowerInvariant() is "" or "it" or "en";

    public static bool IsConsent(string? consent) => consent is null || consent.Trim().ToLowerInvariant() is "" or "si" or "sì" or "no" or "yes" or "true" or "false";

    /// <summary>"si" → true, "no" → false, "" → not recorded.</summary>
    public static bool? Read(string consent) => consent.Trim().ToLowerInvariant() switch
    {
        "si" or "sì" or "yes" or "true" => true,
        "no" or "false" => false,
        _ => null,
    };

    public static string Write(bool? consent) => consent switch { true => "si", false => "no", _ => "" };
}
