using System.Globalization;
using Cerchio.Feedback.Domain;
using Cerchio.Feedback.Features.Surveys;
using Cerchio.Organizations.Contracts;
using Cerchio.Text;
using Cerchio.Ui;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cerchio.Feedback.Features.Respond;

/// <summary>
/// The public response pages: /r/{token} for a personal invitation, /s/{key} for a survey's public link (tagged
/// ?canale=qr, fiera…). Anonymous by design: the token or key is the whole permission, and each request works in a
/// scope of its own set to the survey's organization, whoever (if anyone) is signed in. The forms post back to the
/// same address; a sent answer redirects (303) to the thank-you, so a reload never posts twice. A public link's page
/// may be framed by any site (the website's button, Features/Widget): with ?incorporato=1 it is drawn compact, and
/// the flag stays in every address the page posts or redirects to.
/// </summary>
internal static class ResponseEndpoints
{
    public const string RateLimit = "survey-answers";
    private const string BrowserCookie = "cerchio_risposta";
    public const string AnswerField = "d_";
    public const string EmbeddedFlag = "incorporato";

    /// <summary>The embedded page's forms carry the browser's key: a third-party iframe usually gets no cookie.</summary>
    public const string BrowserKeyField = "chiave";

    /// <summary>On the redirect after sending, when the browser sent no cookie: it cannot find its answer again, so it is just thanked.</summary>
    private const string SentFlag = "inviata";

    public static void Map(IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        pages.MapGet($"{Respondent.InvitationPrefix}/{{token}}", InvitationAsync);
        pages.MapPost($"{Respondent.InvitationPrefix}/{{token}}", InvitationAsync).RequireRateLimiting(RateLimit);
        // One click unsubscribes (the link, or a mail client's RFC 8058 one-click POST); the page offers the way back.
        pages.MapGet($"{Respondent.InvitationPrefix}/{{token}}/disiscrivi", UnsubscribeAsync);
        pages.MapPost($"{Respondent.InvitationPrefix}/{{token}}/disiscrivi", UnsubscribeAsync).RequireRateLimiting(RateLimit);
        // Framed by the organization's website (the widget's dialog); a personal invitation's page is not.
        pages.MapGet($"{Respondent.PublicPrefix}/{{key}}", PublicAsync).WithMetadata(new AllowFramingAttribute());
        pages.MapPost($"{Respondent.PublicPrefix}/{{key}}", PublicAsync).WithMetadata(new AllowFramingAttribute()).RequireRateLimiting(RateLimit);
    }

    private static async Task<IResult> InvitationAsync(string token, HttpContext http, IServiceScopeFactory scopes)
    {
        await using var scope = scopes.CreateAsyncScope();
        var respondent = scope.ServiceProvider.GetRequiredService<Respondent>();
        var ct = http.RequestAborted;
        var (step, session) = await respondent.OpenInvitationAsync(token, ct);
        if (session is not null && LanguageAsked(http) is { } asked)
        {
            session.Language = asked;
        }

        return await AnswerAsync(http, scope.ServiceProvider, respondent, step, session, Respondent.InvitationPathOf(token), ct);
    }

    private static async Task<IResult> UnsubscribeAsync(string token, HttpContext http, IServiceScopeFactory scopes)
    {
        await using var scope = scopes.CreateAsyncScope();
        var ct = http.RequestAborted;
        var (_, session) = await scope.ServiceProvider.GetRequiredService<Respondent>().OpenInvitationAsync(token, ct);
        var back = HttpMethods.IsPost(http.Request.Method) && (await http.Request.ReadFormAsync(ct))["annulla"].FirstOrDefault() == "1";
        var done = session?.Invitation is { } invitation
            && await scope.ServiceProvider.GetRequiredService<Invitations.SurveyInvitations>().OptOutAsync(invitation, optOut: !back, ct);
        var step = !done ? ResponseStep.Unknown : back ? ResponseStep.OptedIn : ResponseStep.OptedOut;
        var html = await RenderAsync(scope.ServiceProvider, session?.Language ?? "it", new SurveyPageModel(step, session, Invitations.InvitationEmail.UnsubscribePathOf(token), new Errors()));
        http.Response.Headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: done ? StatusCodes.Status200OK : StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> PublicAsync(string key, HttpContext http, IServiceScopeFactory scopes)
    {
        await using var scope = scopes.CreateAsyncScope();
        var respondent = scope.ServiceProvider.GetRequiredService<Respondent>();
        var ct = http.RequestAborted;
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        var channel = http.Request.Query["canale"].FirstOrDefault() ?? form?["canale"].FirstOrDefault();
        var asked = LanguageAsked(http);
        var language = asked ?? (http.Request.Headers.AcceptLanguage.ToString().StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "it");
        // Inside another site's iframe the browser usually keeps no cookie of ours (third-party cookies are blocked),
        // so the embedded page's forms post the key themselves. Without it, a second visit there starts a new answer.
        var browserKey = http.Request.Cookies[BrowserCookie] ?? form?[BrowserKeyField].FirstOrDefault();
        var (step, session) = await respondent.OpenPublicAsync(key, browserKey, language, channel, ct);
        var embedded = http.Request.Query[EmbeddedFlag].FirstOrDefault() == "1";
        var path = session is null ? Respondent.PublicPathOf(key) : Respondent.PublicPathOf(key, session.Channel);
        path = embedded ? QueryHelpers.AddQueryString(path, EmbeddedFlag, "1") : path;
        // A language asked in the link (a site's English page, the widget) stays in the forms, so the answer is taken,
        // and its next step shown, in the language the respondent read.
        path = asked is null ? path : QueryHelpers.AddQueryString(path, "lang", asked);

        return await AnswerAsync(http, scope.ServiceProvider, respondent, step, session, path, ct, embedded);
    }

    private static string? LanguageAsked(HttpContext http) => http.Request.Query["lang"].FirstOrDefault() switch { "en" => "en", "it" => "it", _ => null };

    private static async Task<IResult> AnswerAsync(HttpContext http, IServiceProvider services, Respondent respondent, ResponseStep step, ResponseSession? session, string path, CancellationToken ct,
        bool embedded = false)
    {
        var errors = new Errors();
        string? typed = null;
        Dictionary<string, IReadOnlyList<string?>>? typedAnswers = null;
        if (session is not null && respondent.CanAnswer(step))
        {
            int? score = null;
            var asked = HttpMethods.IsPost(http.Request.Method) ? (await http.Request.ReadFormAsync(ct))["punteggio"].FirstOrDefault() : http.Request.Query["punteggio"].FirstOrDefault();
            if (asked is not null)
            {
                score = int.TryParse(asked, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : int.MinValue;
            }

            if (HttpMethods.IsPost(http.Request.Method))
            {
                var form = await http.Request.ReadFormAsync(ct);
                var send = form["passo"].FirstOrDefault() == "commento";
                typed = form["commento"].FirstOrDefault();
                // The further questions' fields are "d_" and the question's id (a multiple choice posts one per choice).
                typedAnswers = form.Keys.Where(k => k.StartsWith(AnswerField, StringComparison.Ordinal))
                    .ToDictionary(k => k[AnswerField.Length..], k => (IReadOnlyList<string?>)form[k].ToArray());
                errors = await respondent.RecordAsync(session, score, typed, send, ct, typedAnswers);
                Remember(http, session, path, embedded);
                if (!errors.Any && send)
                {
                    var cookieless = session.Invitation is null && http.Request.Cookies[BrowserCookie] is null;
                    return new SeeOtherResult(cookieless ? QueryHelpers.AddQueryString(path, SentFlag, "1") : path);
                }
            }
            else if (score is not null && session.Invitation is not null)
            {
                // The email's one-click score: taken as a partial answer, the page then asks for the comment. Only an
                // invitation's: on a public link a GET records nothing (anyone could fill the results with links).
                errors = await respondent.RecordAsync(session, score, null, send: false, ct);
            }

            step = session.Response?.SubmittedAt is not null && http.Request.Query["modifica"].FirstOrDefault() != "1" && !errors.Any && !HttpMethods.IsPost(http.Request.Method)
                ? ResponseStep.Thanks
                : session.Response?.Score is null ? ResponseStep.Score : ResponseStep.Comment;
            if (session.Response is null && session.Invitation is null && HttpMethods.IsGet(http.Request.Method) && http.Request.Query[SentFlag].FirstOrDefault() == "1")
            {
                // Sent from a browser that keeps no cookie of ours: the answer is recorded but cannot be found again.
                step = ResponseStep.Thanks;
            }
        }

        var status = step switch
        {
            ResponseStep.Unknown => StatusCodes.Status404NotFound,
            ResponseStep.Expired or ResponseStep.Closed or ResponseStep.NotOpen => StatusCodes.Status410Gone,
            _ when errors.Any => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status200OK,
        };
        var html = await RenderAsync(services, session?.Language ?? "it", new SurveyPageModel(step, session, path, errors, TypedComment: errors.Any ? typed : null,
            TypedAnswers: errors.Any ? typedAnswers?.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value.Select(v => v ?? "").ToList()) : null,
            Embedded: embedded));
        http.Response.Headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>
    /// The public link's browser keeps the key that finds its answer again (this survey's path only). Inside another
    /// site's iframe a Lax cookie is never sent back: there it is SameSite=None, which browsers accept only when Secure,
    /// so only over HTTPS (and a browser blocking third-party cookies still drops it: the forms' key does the work).
    /// </summary>
    private static void Remember(HttpContext http, ResponseSession session, string path, bool embedded)
    {
        if (session.Invitation is null && session.BrowserKey is { } key && http.Request.Cookies[BrowserCookie] != key)
        {
            var crossSite = embedded && http.Request.IsHttps;
            http.Response.Cookies.Append(BrowserCookie, key, new CookieOptions
            {
                Path = path.Split('?')[0], HttpOnly = true, Secure = http.Request.IsHttps, SameSite = crossSite ? SameSiteMode.None : SameSiteMode.Lax,
                MaxAge = TimeSpan.FromDays(365), IsEssential = true,
            });
        }
    }

    /// <summary>Renders the page as a whole document in the respondent's language.</summary>
    public static async Task<string> RenderAsync(IServiceProvider services, string language, SurveyPageModel model)
    {
        if (model.Session is { } session && !model.Embedded)
        {
            model = model with { LogoPath = await services.GetRequiredService<IOrganizationDirectory>().LogoPathAsync(session.Survey.OrganizationId) };
        }

        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Loc.CultureFor(language);
            try
            {
                var output = await renderer.RenderComponentAsync<SurveyDocument>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(SurveyDocument.Model)] = model }));
                return "<!DOCTYPE html>" + output.ToHtmlString();
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
            }
        });
    }

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            http.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
