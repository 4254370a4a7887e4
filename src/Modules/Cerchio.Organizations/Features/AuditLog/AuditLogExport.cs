using Cerchio.Data;
using Cerchio.Tenancy;
using Cerchio.Text;
using Cerchio.Ui.Export;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Organizations.Features.AuditLog;

/// <summary>The filtered audit log as CSV or Excel, streamed row by row (the same filter as the page).</summary>
internal static class AuditLogExport
{
    public const string Path = "/amministrazione/registro/export";

    public static void MapAuditLogExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path + ".csv", (HttpContext context, CerchioDb db, Loc l) => Export(TabularFormat.Csv, context, db, l))
            .RequireAuthorization(Permissions.ViewAudit)
            .ExcludeFromDescription();
        app.MapGet(Path + ".xlsx", (HttpContext context, CerchioDb db, Loc l) => Export(TabularFormat.Xlsx, context, db, l))
            .RequireAuthorization(Permissions.ViewAudit)
            .ExcludeFromDescription();
    }

    private static TabularFileResult Export(TabularFormat format, HttpContext context, CerchioDb db, Loc l)
    {
        var filter = AuditFilter.Parse(context.Request.Query);
        string[] headers = [l["Data e ora"], l["Autore"], l["Oggetto"], l["Identificativo"], l["Azione"], l["Modifiche"]];
        var rows = AuditQuery.Filtered(db, filter).AsNoTracking().AsAsyncEnumerable().Select(entry => (IReadOnlyList<string?>)
        [
            Times.InItaly(entry.At).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            entry.ActorName, entry.EntityType, entry.EntityId, l[AuditQuery.ActionLabel(entry.Action)], entry.Changes,
        ]);
        return new TabularFileResult(format, l["registro-attivita"], headers, rows);
    }
}
