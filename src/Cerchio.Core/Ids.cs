namespace Cerchio;

public static class Ids
{
    /// <summary>Time-ordered ids keep B-tree inserts at the right edge of the index on both databases.</summary>
    public static Guid New() => Guid.CreateVersion7();
}
