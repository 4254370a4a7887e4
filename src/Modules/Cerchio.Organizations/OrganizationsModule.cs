using Cerchio.Data.Sweeps;
using Cerchio.Organizations.Contracts;
using Cerchio.Organizations.Features;
using Cerchio.Organizations.Features.ApiKeys;
using Cerchio.Organizations.Features.AuditLog;
using Cerchio.Organizations.Features.Departments;
using Cerchio.Organizations.Features.Invitations;
using Cerchio.Organizations.Features.Notifications;
using Cerchio.Organizations.Features.People;
using Cerchio.Organizations.Features.Session;
using Cerchio.Text;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Organizations;

/// <summary>Organizations, people and their memberships, departments, invitations, API keys, the audit log, notifications.</summary>
public static class OrganizationsModule
{
    public static IServiceCollection AddOrganizationsModule(this IServiceCollection services)
    {
        services.AddScoped<IOrganizationDirectory, OrganizationDirectory>();
        services.AddScoped<IOrganizationProvisioning, OrganizationProvisioning>();
        services.AddScoped<InvitationAcceptance>();
        // One store for every module's notifications: producers see INotifications, the bell and its page the rest.
        services.AddScoped<Notifications>();
        services.AddScoped<INotifications>(sp => sp.GetRequiredService<Notifications>());
        services.AddSweepPass<NotificationPruning>();
        services.AddSingleton<ITranslations, OrganizationsTranslations>();
        // The sign-in cookie's sessions, kept in the database (the host puts it in the cookie options).
        services.AddSingleton<ITicketStore, DatabaseTicketStore>();
        services.AddScoped<Cerchio.Ui.Frame.ISidebarSection, Features.Frame.AdministrationSidebar>();
        services.AddScoped<Cerchio.Ui.Frame.IFirstSteps, Features.Frame.AdministrationFirstSteps>();
        return services;
    }

    public static IEndpointRouteBuilder MapOrganizationsModule(this IEndpointRouteBuilder app)
    {
        app.MapSessionEndpoints();
        app.MapDepartmentEndpoints();
        app.MapInvitationEndpoints();
        app.MapApiKeyEndpoints();
        app.MapAuditLogExport();
        app.MapPeopleExports();
        app.MapNotificationEndpoints();
        Features.OrganizationSettings.OrganizationLogos.Map(app);
        return app;
    }
}
