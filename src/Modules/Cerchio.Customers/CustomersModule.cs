using Cerchio.Customers.Contracts;
using Cerchio.Customers.Features.CustomerDetail;
using Cerchio.Customers.Features.Demo;
using Cerchio.Customers.Features.Directory;
using Cerchio.Customers.Features.EditCustomer;
using Cerchio.Customers.Features.ExportCustomers;
using Cerchio.Customers.Features.ImportCustomers;
using Cerchio.Customers.Features.IngestEvents;
using Cerchio.Customers.Features.ListCustomers;
using Cerchio.Customers.Features.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
        services.AddScoped<IEventFeed, EventFeed>();
        services.AddScoped<CustomerSearch>();
        services.AddScoped<ICustomerDemoData, CustomerDemoData>();
        services.AddScoped<CustomerRecords>();
        services.AddScoped<CustomerTimeline>();
        services.AddScoped<ImportJobs>();
        services.AddSingleton<ImportSignal>();
        services.AddHostedService<ImportWorker>();
        services.AddScoped<Cerchio.Ui.Frame.ISidebarSection, Features.Frame.CustomersSidebar>();
        services.AddScoped<Features.EventMetrics.EventTouchpointMetrics>();
        services.AddScoped<Cerchio.Touchpoints.ITouchpointMetricSource>(sp => sp.GetRequiredService<Features.EventMetrics.EventTouchpointMetrics>());
        services.AddScoped<Features.EventMetrics.TouchpointEvents>();
        services.AddScoped<Cerchio.Touchpoints.ITouchpointReferences, Features.EventMetrics.EventTouchpointReferences>();
        return services;
    }

    /// <param name="api">The /api/v1 group: API-key authentication and organization scope are already applied.</param>
    public static void MapCustomersModule(this IEndpointRouteBuilder app, IEndpointRouteBuilder api)
    {
        var customers = api.MapGroup("").WithTags("Customers");
        ListCustomersApi.Map(customers);
        EditCustomerApi.Map(customers);
        CustomerDetailApi.Map(customers);
        IngestEvents.Map(api.MapGroup("").WithTags("Events"));
        ImportEndpoints.Map(app);
        ExportCustomersEndpoints.Map(app);
    }
}
