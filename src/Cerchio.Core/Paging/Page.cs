namespace Cerchio.Paging;

/// <summary>One page of a list, with what a pager needs.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Number, int Size, int Total)
{
    public int PageCount => Total == 0 ? 1 : (Total + Size - 1) / Size;
    public bool HasPrevious => Number > 1;
    public bool HasNext => Number < PageCount;

    public static (int Number, int Size) Normalize(int? number, int? size, int defaultSize = 25, int maxSize = 200) =>
        (Math.Max(1, number ?? 1), Math.Clamp(size ?? defaultSize, 1, maxSize));
}
