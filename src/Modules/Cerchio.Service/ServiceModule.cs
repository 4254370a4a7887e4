using Cerchio.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Service;

/// <summary>Cases, messages, channels, SLA, hand-offs, knowledge, announcements. For now: the business calendar and SLA clock.</summary>
public static class ServiceModule
{
    public static IServiceCollection AddServiceModule(this IServiceCollection services)
    {
        services.AddSingleton<ITranslations, ServiceTranslations>();
        return services;
    }

    /// <param name="app">The application: pages and their form posts.</param>
    /// <param name="api">The /api/v1 group: API-key authentication and organization scope are already applied.</param>
    public static void MapServiceModule(this IEndpointRouteBuilder app, IEndpointRouteBuilder api)
    {
        // No endpoints yet: the calendar and SLA clock are domain code that the case features will use.
    }
}
