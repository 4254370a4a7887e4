using Cerchio.Text;
using Microsoft.AspNetCore.Http;

namespace Cerchio.Organizations.Features.Administration;

internal static class AdminResults
{
    /// <summary>
    /// The answer to an id that is unknown or belongs to another organization: the same 404 either way, so
    /// nothing tells the two apart.
    /// </summary>
    public static IResult NotFound(Loc l) =>
        Results.Text(l["Non trovato: il record non esiste in questa organizzazione."], "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
}
