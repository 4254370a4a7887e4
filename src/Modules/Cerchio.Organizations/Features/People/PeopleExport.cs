using Cerchio.Data;
using Cerchio.Organizations.Domain;
using Cerchio.Tenancy;
using Cerchio.Text;
using Cerchio.Ui.Export;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Organizations.Features.People;

/// <summary>The people and departments lists as CSV or Excel.</summary>
internal static class PeopleExport
{
    public const string PeoplePath = "/amministrazione/persone/export";
    public const string DepartmentsPath = "/amministrazione/reparti/export";

    public static void MapPeopleExports(this IEndpointRouteBuilder app)
    {
        app.MapListExport(PeoplePath, Permissions.ManageOrganization, async context =>
        {
            var l = context.RequestServices.GetRequiredService<Loc>();
            var members = await PeopleQueries.MembersAsync(context.RequestServices.GetRequiredService<CerchioDb>(), ct: context.RequestAborted);
            return new ListExportData(l["persone"], [l["Nome"], l["Email"], l["Ruolo"], l["Reparto"], l["Stato"]],
                members.Select(m => (IReadOnlyList<string?>)[m.Name, m.Email, l[RoleNames.Of(m.Role)], m.Department, l[m.IsActive ? "Attiva" : "Non attiva"]]).ToAsyncEnumerable());
        });

        app.MapListExport(DepartmentsPath, Permissions.ManageOrganization, async context =>
        {
            var l = context.RequestServices.GetRequiredService<Loc>();
            var db = context.RequestServices.GetRequiredService<CerchioDb>();
            var departments = await db.Set<Department>().OrderBy(d => d.SortOrder).ThenBy(d => d.Name)
                .Select(d => new { d.Name, d.IsActive, People = db.Set<Membership>().Count(m => m.DepartmentId == d.Id && m.IsActive) })
                .ToListAsync(context.RequestAborted);
            return new ListExportData(l["reparti"], [l["Nome"], l["Persone"], l["Stato"]],
                departments.Select(d => (IReadOnlyList<string?>)[d.Name, d.People.ToString(System.Globalization.CultureInfo.CurrentCulture), l[d.IsActive ? "Attivo" : "Non attivo"]]).ToAsyncEnumerable());
        });
    }
}
