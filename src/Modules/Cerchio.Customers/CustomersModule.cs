using Cerchio.Customers.Contracts;
using Cerchio.Customers.Features.Demo;
using Cerchio.Customers.Features.Directory;
using Cerchio.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Customers;

/// <summary>Customers (companies and people), contacts, the timeline, events from other systems, import and export.</summary>
public static class CustomersModule
{
    public static IServiceCollection AddCustomersModule(this IServiceCollection services)
    {
        services.AddSingleton<ITranslations, CustomersTranslations>();
        services.AddScoped<ICustomerDirectory, CustomerDirectory>();
        services.AddScoped<ICustomerDemoData, CustomerDemoData>();
        return services;
    }

    public static IEndpointRouteBuilder MapCustomersModule(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
