using System.Reflection;
using Cerchio.Customers;
using Cerchio.Data;
using Cerchio.Data.Outbox;
using Cerchio.Organizations;
using Cerchio.Service;
using Cerchio.Tenancy;
using Cerchio.Text;
using Cerchio.Ui;
using Cerchio.Web.Auth;
using Cerchio.Web.Components;
using Cerchio.Web.Input;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Web.Composition;

/// <summary>The composition root: every module's one entry point, the auth schemes, the pipeline.</summary>
public static class CerchioApp
{
    /// <summary>The modules' assemblies: their entity configurations form the one model, their pages the routes.</summary>
    public static readonly Assembly[] ModuleAssemblies = [typeof(OrganizationsModule).Assembly, typeof(CustomersModule).Assembly, typeof(ServiceModule).Assembly, typeof(Cerchio.Journeys.JourneysModule).Assembly, typeof(Cerchio.Feedback.FeedbackModule).Assembly];

    public static void AddCerchio(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        var provider = DataServices.ProviderFrom(configuration);
        var connectionString = configuration.GetConnectionString("Cerchio") ?? "Data Source=data/cerchio.db";
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<OrganizationContext>();
        services.AddScoped<CurrentSession>();
        services.AddScoped<SidebarState>();
        services.AddCerchioData(provider, connectionString, ModuleAssemblies);
        services.AddOutbox(configuration);

        services.AddSingleton<Loc>();
        services.AddSingleton<ITranslations, CoreTranslations>();
        services.AddSingleton<ITranslations, UiTranslations>();
        services.AddSingleton<ITranslations, WebTranslations>();
        services.AddLocalization();
        services.AddDataProtection()
            .SetApplicationName("Cerchio")
            .PersistKeysToDbContext<CerchioDb>()
            .ProtectKeysWithCertificateFile(configuration, provider, connectionString, TimeProvider.System);

        AddIdentityAndAuthorization(services);

        var attemptsPerMinute = configuration.GetValue("Security:SignInAttemptsPerMinute", 20);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimits.SignIn, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = attemptsPerMinute, Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter("pages"));
            o.OnRejected = async (context, ct) =>
            {
                var l = context.HttpContext.RequestServices.GetRequiredService<Loc>();
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(l["Troppi tentativi da questo indirizzo: riprova tra un minuto."], ct);
            };
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = BadInput.AddDefaultDetail);
        // Bad requests throw in every environment (the framework's default only in Development), so one handler
        // answers them everywhere with a detail that says what and where.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadInputExceptionHandler>();
        services.AddOpenApi("v1", o =>
        {
            // The document describes the API only: the pages' own form posts are not for integrators.
            o.ShouldInclude = endpoint => endpoint.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer<OpenApiDocumentInfo>();
        });
        services.AddHealthChecks().AddDbContextCheck<CerchioDb>("database", tags: ["ready"]);
        services.AddRazorComponents();
        services.AddAntiforgery();
        services.AddSingleton<Microsoft.AspNetCore.Antiforgery.IAntiforgeryAdditionalDataProvider, OrganizationBoundForms>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.Converters.Add(new CheckedStringConverter());
        });

        services.AddOrganizationsModule();
        services.AddCustomersModule();
        Cerchio.Journeys.JourneysModule.AddJourneysModule(services);
        services.AddServiceModule();
        Cerchio.Feedback.FeedbackModule.AddFeedbackModule(services, configuration);
        // One list of touchpoints for the whole app; the journeys module will bring the editable catalog in its place.
        services.AddSingleton<Features.Demo.DemoCompany>();
    }

    private static void AddIdentityAndAuthorization(IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "Cerchio";
                o.DefaultChallengeScheme = "Cerchio";
            })
            .AddPolicyScheme("Cerchio", "Cookie for pages, API key for the API", o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api") ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = ".Cerchio.Auth";
            o.LoginPath = "/accedi";
            o.LogoutPath = "/esci";
            o.AccessDeniedPath = "/accesso-negato";
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
        });

        // The cookie carries only a session key; the ticket lives in the database, so signing out ends the session everywhere.
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<Microsoft.AspNetCore.Authentication.Cookies.ITicketStore>((o, sessions) => o.SessionStore = sessions);

        // A password change (new security stamp) ends the person's other sessions within a minute, not thirty.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        // Identity rebuilds the principal when it re-validates the security stamp: keep the chosen organization and language.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            var keep = context.CurrentPrincipal?.Claims.Where(c => c.Type.StartsWith("cerchio:", StringComparison.Ordinal)).ToList() ?? [];
            if (context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
            {
                foreach (var claim in keep.Where(c => !identity.HasClaim(h => h.Type == c.Type)))
                {
                    identity.AddClaim(claim);
                }
            }

            return Task.CompletedTask;
        });

        services.AddIdentityCore<CerchioUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = "";   // user names are emails: l.d'angelo@… is a real Italian address
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(10);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<CerchioDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<ItalianIdentityErrors>();

        services.AddScoped<IAuthorizationHandler, PermissionHandler>();
        services.AddAuthorization(o =>
        {
            // Everything needs a signed-in person unless it says otherwise: a new page is never public by accident.
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            foreach (var permission in Permissions.All)
            {
                o.AddPolicy(permission, p => p.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
            }

            o.AddPolicy(ApiPolicy.Name, p => p
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthenticationHandler.OrganizationClaim));
        });
    }

    public static void UseCerchio(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages => pages.UseExceptionHandler("/errore", createScopeForErrors: true));

        app.Use(SecurityHeadersAsync);
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<OrganizationMiddleware>();
        app.UseRequestLocalization(o =>
        {
            var cultures = Loc.Languages.Select(l => Loc.CultureFor(l).Name).ToArray();
            o.SetDefaultCulture(cultures[0]).AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
            o.RequestCultureProviders = [new CultureProvider()];
        });
        app.UseAuthorization();
        app.Use(SidebarLoading.LoadAsync);
        app.UseAntiforgery();
        app.Use(RefuseStaleFormsAsync);
        app.UseMiddleware<InputCheckMiddleware>();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        var api = app.MapGroup("/api/v1").RequireAuthorization(ApiPolicy.Name);
        app.MapOrganizationsModule();
        app.MapCustomersModule(api);
        Cerchio.Journeys.JourneysModule.MapJourneysModule(app, api);
        app.MapServiceModule(api);
        Cerchio.Feedback.FeedbackModule.MapFeedbackModule(app, api);
        app.MapRazorComponents<App>().AddAdditionalAssemblies(ModuleAssemblies);
    }

    /// <summary>
    /// No framing (the one-click row actions must not be clickjacked), no type sniffing, no referrer to other sites.
    /// A page marked <see cref="AllowFramingAttribute"/> (the public contact form, embedded in the company's own site)
    /// may be framed by any site; the endpoint is known only after routing, so the framing headers are set as the
    /// response starts.
    /// </summary>
    private static Task SecurityHeadersAsync(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        context.Response.OnStarting(() =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<AllowFramingAttribute>() is null)
            {
                headers.XFrameOptions = "DENY";
                // An endpoint with a policy of its own (a downloaded file's sandbox) keeps it; it forbids framing too.
                if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy = "frame-ancestors 'none'";
                }
            }
            else
            {
                headers.Remove("X-Frame-Options");
                headers.ContentSecurityPolicy = "frame-ancestors *";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>
    /// A page's form post whose antiforgery token fails (expired, or rendered for another organization: see
    /// OrganizationBoundForms) gets a page that says so, instead of the framework's bare 400.
    /// </summary>
    private static async Task RefuseStaleFormsAsync(HttpContext context, RequestDelegate next)
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && !context.Request.Path.StartsWithSegments("/api")
            && context.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            var back = context.Request.Path + context.Request.QueryString;
            await new Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<Components.Pages.FormExpired>(new { Back = LocalUrls.Safe(back) })
            {
                StatusCode = StatusCodes.Status400BadRequest,
            }.ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    /// <summary>Admin commands (seed-demo) or the web server.</summary>
    public static async Task<int> RunCerchioAsync(this WebApplication app, string[] args)
    {
        if (app.Configuration.GetValue("Database:MigrateOnStart", true))
        {
            await MigrateAsync(app.Services);
        }

        if (args.Length > 0 && !args[0].StartsWith('-'))
        {
            return await AdminCommands.RunAsync(app.Services, args);
        }

        await app.RunAsync();
        return 0;
    }

    public static async Task MigrateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CerchioDb>();
        if (db.IsSqlite)
        {
            var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory) && builder.DataSource != ":memory:")
            {
                Directory.CreateDirectory(directory);
            }
        }

        await db.Database.MigrateAsync();
        if (db.IsSqlite)
        {
            // WAL lets readers go on while one writer writes; it is a property of the file and persists.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
    }
}

public static class ApiPolicy
{
    public const string Name = "api";
}
