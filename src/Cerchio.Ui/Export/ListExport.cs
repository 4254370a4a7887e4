using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Ui.Export;

/// <summary>What a list exports: the file's name (without extension), the header row, and the rows as they stream.</summary>
public sealed record ListExportData(string FileName, IReadOnlyList<string> Headers, IAsyncEnumerable<IReadOnlyList<string?>> Rows);

public static class ListExport
{
    /// <summary>
    /// Maps "{path}.csv" and "{path}.xlsx" for one list: the same rows in both formats, for people with the given
    /// permission policy. The builder reads whatever it needs (filters, services) from the request.
    /// </summary>
    public static void MapListExport(this IEndpointRouteBuilder app, string path, string policy, Func<HttpContext, Task<ListExportData>> build)
    {
        foreach (var format in new[] { TabularFormat.Csv, TabularFormat.Xlsx })
        {
            app.MapGet(path + TabularExport.Extension(format), async (HttpContext context) =>
                {
                    var data = await build(context);
                    return new TabularFileResult(format, data.FileName, data.Headers, data.Rows);
                })
                .RequireAuthorization(policy)
                .ExcludeFromDescription();
        }
    }
}
