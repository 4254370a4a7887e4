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

/// <summary>Named rate-limit policies (configured by the host).</summary>
public static class RateLimits
{
    /// <summary>Password posts (sign-in, invitation): per client address, against password spraying across accounts.</summary>
    public const string SignIn = "sign-in";
}
