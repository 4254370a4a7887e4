using System.Globalization;
using System.Text;
using Cerchio.Data;
using Cerchio.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Organizations.Features.AuditLog;

/// <summary>The filtered audit log as CSV (RFC 4180), streamed row by row.</summary>
internal static class AuditLogExport
{
    public const string Path = "/amministrazione/registro/export.csv";

    public static void MapAuditLogExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (HttpContext context, CerchioDb db) =>
        {
            var filter = AuditFilter.Parse(context.Request.Query);
            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = "attachment; filename=\"registro-attivita.csv\"";

            // The request culture's list separator (";" in Italian) and a BOM: what Excel expects when it opens the file.
            var separator = CultureInfo.CurrentCulture.TextInfo.ListSeparator;
            await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            await writer.WriteAsync(Row(separator, "at_utc", "actor", "entity_type", "entity_id", "action", "changes"));
            await foreach (var entry in AuditQuery.Filtered(db, filter).AsAsyncEnumerable().WithCancellation(context.RequestAborted))
            {
                await writer.WriteAsync(Row(separator,
                    entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    entry.ActorName, entry.EntityType, entry.EntityId, entry.Action.ToString(), entry.Changes));
            }
        }).RequireAuthorization(Permissions.ViewAudit);
    }

    public static string Row(string separator, params string[] fields) =>
        string.Join(separator, fields.Select(f => Field(f, separator))) + "\r\n";

    /// <summary>
    /// Quotes when needed, and defuses text a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start)
    /// with a leading apostrophe: names and changes are typed by people.
    /// </summary>
    public static string Field(string value, string separator)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.Contains(separator, StringComparison.Ordinal) || value.IndexOfAny(['"', '\r', '\n']) >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
