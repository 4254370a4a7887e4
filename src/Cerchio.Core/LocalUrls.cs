namespace Cerchio;

public static class LocalUrls
{
    /// <summary>Only a path on this site: "/x" yes; "//host", "/\host", absolute URLs and control characters become "/".</summary>
    public static string Safe(string? url) =>
        url is ['/', not '/' and not '\\', ..] or "/" && !url.Any(char.IsControl) ? url : "/";
}
