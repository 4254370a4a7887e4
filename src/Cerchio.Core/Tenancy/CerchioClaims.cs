namespace Cerchio.Tenancy;

/// <summary>Claims added to the sign-in cookie beside Identity's own.</summary>
public static class CerchioClaims
{
    /// <summary>The organization the person is working in (changed by the switcher).</summary>
    public const string Organization = "cerchio:org";

    /// <summary>The UI language, "it" or "en".</summary>
    public const string Language = "cerchio:lang";

    public const string DisplayName = "cerchio:name";

    public const string LanguageCookie = ".Cerchio.Lang";
}
