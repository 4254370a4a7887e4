using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Cerchio.Ui.Export;

/// <summary>An endpoint result that streams rows to the response as a CSV or XLSX download.</summary>
public sealed class TabularFileResult(
    TabularFormat format, string fileName, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<string?>> rows) : IResult
{
    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.ContentType = TabularExport.ContentType(format);
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName + TabularExport.Extension(format));
        context.Response.Headers.ContentDisposition = disposition.ToString();
        context.Response.Headers.CacheControl = "no-store";
        await TabularExport.WriteAsync(format, context.Response.Body, headers, rows, context.RequestAborted);
    }
}
