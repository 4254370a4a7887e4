using Cerchio.Paging;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Data;

public static class PagingQueries
{
    /// <summary>
    /// One page of an ordered query and the total. A page past the end is empty — even one so far out that its
    /// offset does not fit an int, which would otherwise wrap around to the first page.
    /// </summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> ordered, int? page, int? size, int defaultSize = 25, int maxSize = 200, CancellationToken ct = default)
    {
        var (number, pageSize) = Page<T>.Normalize(page, size, defaultSize, maxSize);
        var total = await ordered.CountAsync(ct);
        var offset = (long)(number - 1) * pageSize;
        var items = offset >= total ? [] : await ordered.Skip((int)offset).Take(pageSize).ToListAsync(ct);
        return new Page<T>(items, number, pageSize, total);
    }
}
