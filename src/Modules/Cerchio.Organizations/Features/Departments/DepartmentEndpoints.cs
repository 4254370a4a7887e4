using Cerchio.Organizations.Domain;
using Cerchio.Organizations.Features.Administration;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Organizations.Features.Departments;

/// <summary>The per-row posts of the departments list.</summary>
internal static class DepartmentEndpoints
{
    public const string DeactivatePath = "/amministrazione/reparti/disattiva";
    public const string ReactivatePath = "/amministrazione/reparti/riattiva";
    private const string List = "/amministrazione/reparti";

    public static void MapDepartmentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapRowAction<Department>(DeactivatePath, List, (department, _) => department.Deactivate());
        app.MapRowAction<Department>(ReactivatePath, List, (department, _) => department.Reactivate());
    }
}
