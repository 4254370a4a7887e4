using Cerchio.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cerchio.Ui.Api;

/// <summary>The API's error answers, RFC 9457 with stable types; 404 never says whether the id exists elsewhere.</summary>
public static class ApiResults
{
    public const string NotFoundType = "https://cerchio.dev/problems/not-found";
    public const string ValidationType = "https://cerchio.dev/problems/validation";
    public const string BadRequestType = "https://cerchio.dev/problems/bad-request";
    public const string ConflictType = "https://cerchio.dev/problems/conflict";

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", type: NotFoundType, detail: $"No {what} with this id in your organization.");

    /// <summary>Per-field errors, and a detail that names them all, for clients that read only the detail.</summary>
    public static ValidationProblem Invalid(Errors errors, Loc l)
    {
        var byField = errors.ToDictionary(l.Format);
        return TypedResults.ValidationProblem(byField, title: l["I dati inviati non sono validi."], type: ValidationType,
            detail: string.Join(" ", byField.SelectMany(kv => kv.Value.Select(m => $"{kv.Key}: {m}"))));
    }

    /// <summary>409 with per-field errors: the request was made from a view of the record that has changed since.</summary>
    public static ProblemHttpResult Conflict(Errors errors, Loc l)
    {
        var byField = errors.ToDictionary(l.Format);
        return TypedResults.Problem(new HttpValidationProblemDetails(byField)
        {
            Status = StatusCodes.Status409Conflict, Type = ConflictType, Title = l["Il dato è cambiato nel frattempo."],
            Detail = string.Join(" ", byField.SelectMany(kv => kv.Value.Select(m => $"{kv.Key}: {m}"))),
        });
    }

    public static ValidationProblem Invalid(string field, string italian, Loc l, params object[] args) =>
        Invalid(new Errors().Add(field, italian, args), l);
}
