using Cerchio.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cerchio.Customers.Features.Records;

/// <summary>The API's error answers, RFC 9457 with stable types; 404 never says whether the id exists elsewhere.</summary>
internal static class ApiResults
{
    public const string NotFoundType = "https://cerchio.dev/problems/not-found";
    public const string ValidationType = "https://cerchio.dev/problems/validation";

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", type: NotFoundType, detail: $"No {what} with this id in your organization.");

    public static ValidationProblem Invalid(Errors errors, Loc l) =>
        TypedResults.ValidationProblem(errors.ToDictionary(l.Format), title: l["I dati inviati non sono validi."], type: ValidationType);
}
