using Cerchio.Data;
using Cerchio.Tenancy;
using Cerchio.Text;
using Cerchio.Ui.Export;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Organizations.Features.AuditLog;

/// <summary>The filtered audit log as CSV or Excel, streamed row by row (the same filter as the page).</summary>
internal static class AuditLogExport
{
    public const string Path = "/amministrazione/registro/export";

    public static void MapAuditLogExport(this IEndpointRouteBuilder app) =>
        app.MapListExport(Path, Permissions.ViewAudit, context =>
        {
            var db = context.RequestServices.GetRequiredService<CerchioDb>();
            var l = context.RequestServices.GetRequiredService<Loc>();
            var filter = AuditFilter.Parse(context.Request.Query);
            var rows = AuditQuery.Filtered(db, filter).AsNoTracking().AsAsyncEnumerable().Select(entry => (IReadOnlyList<string?>)
            [
                Times.InItaly(entry.At).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                entry.ActorName, entry.EntityType, entry.EntityId, l[AuditQuery.ActionLabel(entry.Action)], entry.Changes,
            ]);
            return Task.FromResult(new ListExportData(
                l["registro-attivita"], [l["Data e ora"], l["Autore"], l["Oggetto"], l["Identificativo"], l["Azione"], l["Modifiche"]], rows));
        });
}
