using Cerchio.Journeys.Features.Catalog;
using Cerchio.Journeys.Features.Personas;
using Cerchio.Text;
using Cerchio.Touchpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Journeys;

/// <summary>Journeys from the customer's side: the touchpoint catalog with an owner in every department, the personas and the journey maps.</summary>
public static class JourneysModule
{
    public static IServiceCollection AddJourneysModule(this IServiceCollection services)
    {
        services.AddSingleton<ITranslations, JourneysTranslations>();
        services.AddScoped<TouchpointCatalog>();
        services.AddScoped<Features.Maps.JourneyBook>();
        services.AddScoped<Features.Maps.JourneyMapReader>();
        services.AddScoped<Features.Sharing.JourneyShares>();
        services.AddScoped<Contracts.IJourneysDemoData, Features.Demo.JourneysDemoData>();
        services.AddScoped<ITouchpointCatalog>(sp => sp.GetRequiredService<TouchpointCatalog>());
        services.AddScoped<Personas>();
        services.AddScoped<Cerchio.Ui.Frame.ISidebarSection, Features.Frame.JourneysSidebar>();
        services.AddScoped<Features.Metrics.TouchpointMetrics>();
        services.AddScoped<TouchpointReferenceCounts>();
        services.AddScoped<ITouchpointReferences, Features.Maps.JourneyCardReferences>();
        services.AddScoped<Features.Owner.MyTouchpoints>();
        return services;
    }

    /// <param name="api">The /api/v1 group: API-key authentication and organization scope are already applied.</param>
    public static void MapJourneysModule(this IEndpointRouteBuilder app, IEndpointRouteBuilder api)
    {
        var touchpoints = api.MapGroup("").WithTags("Touchpoints");
        TouchpointsApi.Map(touchpoints);
        Features.Metrics.TouchpointMetricsApi.Map(touchpoints);
        PersonasApi.Map(api.MapGroup("").WithTags("Personas"));
        PersonasApi.MapPages(app);
        Features.Maps.JourneysApi.Map(api.MapGroup("").WithTags("Journeys"));
        Features.Maps.JourneyMapExport.Map(app);
    }
}
