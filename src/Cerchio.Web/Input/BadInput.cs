using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Cerchio.Data;
using Cerchio.Text;
using Cerchio.Ui.Api;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cerchio.Web.Input;

/// <summary>
/// The one answer to bad input, the same in every environment: a 4xx with a detail that names the problem and its
/// place — RFC 9457 problem details on the API, a page in the person's language elsewhere. Requests refused here
/// never reach a handler, so they change nothing.
/// </summary>
internal static class BadInput
{
    /// <summary>The status and the (translated) detail of an exception caused by the request rather than by Cerchio; null for a real fault.</summary>
    public static (int Status, string Detail)? Describe(Exception exception, Loc l) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => (StatusCodes.Status400BadRequest, JsonDetail(json, l)),
        BadHttpRequestException bad => (bad.StatusCode, bad.Message),
        _ when DbErrors.IsUniqueViolation(exception) => (StatusCodes.Status409Conflict,
            l["Un'altra richiesta ha salvato nello stesso momento un dato che deve essere unico: ricarica e riprova."]),
        _ => null,
    };

    private static string JsonDetail(JsonException json, Loc l)
    {
        var reason = json is TextRuleJsonException text ? l.Format(text.Problem) : WithoutPosition(json.Message);
        return json.LineNumber is { } line
            ? l.F("Il JSON del corpo non è valido alla riga {0}, posizione {1}{2}: {3}", line + 1, (json.BytePositionInLine ?? 0) + 1,
                string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "" : l.F(", campo {0}", json.Path), reason)
            : l.F("Il JSON del corpo non è valido: {0}", reason);
    }

    /// <summary>System.Text.Json appends " Path: … | LineNumber: … | BytePositionInLine: …" (0-based): the detail says it once, 1-based.</summary>
    private static string WithoutPosition(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        return cut < 0 ? message : message[..cut];
    }

    /// <summary>Every problem the API answers says what happened, even the framework's own (no route, wrong method).</summary>
    public static void AddDefaultDetail(ProblemDetailsContext context)
    {
        if (!string.IsNullOrWhiteSpace(context.ProblemDetails.Detail))
        {
            return;
        }

        var l = context.HttpContext.RequestServices.GetRequiredService<Loc>();
        var request = context.HttpContext.Request;
        context.ProblemDetails.Detail = (context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode) switch
        {
            StatusCodes.Status404NotFound => l.F("Nessuna risorsa a questo indirizzo ({0}), oppure non è visibile alla tua organizzazione.", request.Path.Value ?? ""),
            StatusCodes.Status405MethodNotAllowed => l.F("Il metodo {0} non è ammesso a questo indirizzo.", request.Method),
            StatusCodes.Status401Unauthorized => l["Serve una chiave API valida: Authorization: Bearer <chiave>."],
            StatusCodes.Status403Forbidden => l["La chiave API non permette questa operazione."],
            StatusCodes.Status500InternalServerError => l.F("Errore interno, registrato con il codice {0}.", context.HttpContext.TraceIdentifier),
            var status => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
        };
    }

    /// <summary>Writes the refusal: problem details under /api, the bad-request page elsewhere.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string detail)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            var l = context.RequestServices.GetRequiredService<Loc>();
            await TypedResults.Problem(statusCode: status, title: l[status == StatusCodes.Status409Conflict ? "Conflitto" : "Richiesta non valida"],
                type: status == StatusCodes.Status409Conflict ? ApiResults.ConflictType : ApiResults.BadRequestType, detail: detail).ExecuteAsync(context);
            return;
        }

        await new RazorComponentResult<Components.Pages.BadRequest>(new { Detail = detail }) { StatusCode = status }.ExecuteAsync(context);
    }
}

/// <summary>Framework bad-request exceptions (malformed JSON, wrong content type, unbindable form values) and lost races.</summary>
internal sealed class BadInputExceptionHandler(Loc l) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (BadInput.Describe(exception, l) is not { } refusal || context.Response.HasStarted)
        {
            return false;
        }

        await BadInput.WriteAsync(context, refusal.Status, refusal.Detail);
        return true;
    }
}

/// <summary>
/// Checks what the framework would bind before any endpoint runs: every query and form value against the text rule,
/// and each query parameter a page declares ([SupplyParameterFromQuery]) against its type — Blazor would otherwise
/// throw while rendering, a 500 for "?pagina=abc".
/// </summary>
internal sealed class InputCheckMiddleware(RequestDelegate next)
{
    private static readonly ConcurrentDictionary<Type, (string Name, Type Type)[]> QueryParameters = new();
    private static readonly ConcurrentDictionary<Type, Dictionary<string, Type>> FormFields = new();

    public async Task InvokeAsync(HttpContext context, Loc l)
    {
        var problem = QueryProblem(context, l);
        if (problem is null && context.Request.HasFormContentType && context.GetEndpoint() is not null)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            problem = Problem(form.SelectMany(f => f.Value.Select(v => (f.Key, (string?)v))), l["Campo"], l)
                ?? FormProblem(context, form, l);
        }

        if (problem is not null)
        {
            await BadInput.WriteAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        await next(context);
    }

    private static string? QueryProblem(HttpContext context, Loc l)
    {
        var query = context.Request.Query;
        if (Problem(query.SelectMany(q => q.Value.Select(v => (q.Key, (string?)v))), l["Parametro"], l) is { } text)
        {
            return text;
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not { } page)
        {
            return null;
        }

        foreach (var (name, type) in QueryParameters.GetOrAdd(page.Type, Declared))
        {
            // Named as the address names it: Blazor matches query keys ignoring case.
            foreach (var (key, values) in query.Where(q => string.Equals(q.Key, name, StringComparison.OrdinalIgnoreCase)))
            {
                if (values.FirstOrDefault(v => !string.IsNullOrEmpty(v) && !Parses(v, type)) is { } bad)
                {
                    return l.F("Il valore «{0}» del parametro «{1}» non è valido.", bad, key);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A page's form model ([SupplyParameterFromForm]) maps "Input.DepartmentId=abc" to null without telling the page,
    /// which would then save the rest as if the field had been left empty.
    /// </summary>
    private static string? FormProblem(HttpContext context, IFormCollection form, Loc l)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not { } page)
        {
            return null;
        }

        var fields = FormFields.GetOrAdd(page.Type, DeclaredForm);
        foreach (var (key, values) in form)
        {
            if (fields.TryGetValue(key, out var type) && values.FirstOrDefault(v => !string.IsNullOrEmpty(v) && !Parses(v, type)) is { } bad)
            {
                return l.F("Il valore «{0}» del campo «{1}» non è valido.", bad, key);
            }
        }

        return null;
    }

    private static Dictionary<string, Type> DeclaredForm(Type component)
    {
        var fields = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in component.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (property.GetCustomAttribute<SupplyParameterFromFormAttribute>() is not { } form)
            {
                continue;
            }

            var name = form.Name ?? property.Name;
            if (IsScalar(property.PropertyType))
            {
                fields[name] = property.PropertyType;
                continue;
            }

            foreach (var inner in property.PropertyType.GetProperties(BindingFlags.Instance | BindingFlags.Public).Where(p => p.CanWrite && IsScalar(p.PropertyType)))
            {
                fields[$"{name}.{inner.Name}"] = inner.PropertyType;
            }
        }

        return fields;
    }

    private static bool IsScalar(Type type) => (Nullable.GetUnderlyingType(type) ?? type) is var t && (t.IsPrimitive || t.IsEnum || t == typeof(decimal)
        || t == typeof(Guid) || t == typeof(DateTime) || t == typeof(DateOnly) || t == typeof(TimeOnly) || t == typeof(DateTimeOffset));

    private static string? Problem(IEnumerable<(string Key, string? Value)> values, string kind, Loc l)
    {
        foreach (var (key, value) in values)
        {
            if ((TextRules.Problem(key) ?? TextRules.Problem(value)) is { } problem)
            {
                return l.F("{0} «{1}»: {2}", kind, TextRules.IsAcceptable(key) ? key : "?", l.Format(problem));
            }
        }

        return null;
    }

    private static (string, Type)[] Declared(Type component) =>
        component.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => (p.Attribute!.Name ?? p.Property.Name, p.Property.PropertyType))
            .ToArray();

    /// <summary>The types Blazor binds from the query and forms, parsed the way it parses them (invariant culture).</summary>
    private static bool Parses(string value, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? (type.IsArray ? type.GetElementType()! : type);
        type = Nullable.GetUnderlyingType(type) ?? type;
        var c = CultureInfo.InvariantCulture;
        return type switch
        {
            _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, c, out _),
            _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, c, out _),
            _ when type == typeof(bool) => bool.TryParse(value, out _),
            _ when type == typeof(decimal) => decimal.TryParse(value, NumberStyles.Number, c, out _),
            _ when type == typeof(double) => double.TryParse(value, NumberStyles.Number, c, out _),
            _ when type == typeof(float) => float.TryParse(value, NumberStyles.Number, c, out _),
            _ when type == typeof(Guid) => Guid.TryParse(value, out _),
            _ when type == typeof(DateTime) => DateTime.TryParse(value, c, DateTimeStyles.None, out _),
            _ when type == typeof(DateOnly) => DateOnly.TryParse(value, c, DateTimeStyles.None, out _),
            _ when type == typeof(TimeOnly) => TimeOnly.TryParse(value, c, DateTimeStyles.None, out _),
            _ when type == typeof(DateTimeOffset) => DateTimeOffset.TryParse(value, c, DateTimeStyles.None, out _),
            _ when type.IsEnum => Enum.TryParse(type, value, ignoreCase: true, out _),
            _ => true,
        };
    }
}
