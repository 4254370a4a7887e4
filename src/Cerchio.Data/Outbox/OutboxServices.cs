using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cerchio.Data.Outbox;

public static class OutboxServices
{
    /// <summary>Module events and the email outbox: the interceptor that records deliveries, the sender, the dispatcher.</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OutboxOptions>(configuration.GetSection("Outbox"));
        services.Configure<SmtpSettings>(configuration.GetSection("Smtp"));
        ModuleEventRegistration.Subscriptions(services);
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<OutboxInterceptor>();
        services.TryAddSingleton<ConfiguredSmtp>();
        services.TryAddScoped<ISmtpEndpoints>(sp => sp.GetRequiredService<ConfiguredSmtp>());
        services.AddScoped<EmailOutbox>();
        services.AddModuleEventHandler<EmailQueued, SendQueuedEmail>();
        services.AddHostedService<ModuleEventDispatcher>();
        return services;
    }
}
