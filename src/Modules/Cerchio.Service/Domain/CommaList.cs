namespace Cerchio.Service.Domain;

/// <summary>A short list kept in one text column ("a,b,c"): an announcement's audience and touchpoints, an article's tags and touchpoints.</summary>
internal static class CommaList
{
    public static string Join<T>(IEnumerable<T> items) => string.Join(",", items);

    public static List<string> Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
