using Cerchio.Organizations.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Organizations.Features.Notifications;

/// <summary>The bell's fragment, which htmx asks for again to refresh the count; the page itself is NotificationsPage.</summary>
internal static class NotificationEndpoints
{
    public const string PagePath = "/notifiche";
    public const string BellPath = "/notifiche/campanella";

    // For any signed-in person (the fallback policy): everyone has their own notifications, whatever the role.
    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet(BellPath, (int? seen) => new RazorComponentResult<NotificationsBell>(new Dictionary<string, object?> { [nameof(NotificationsBell.Seen)] = seen }))
            .ExcludeFromDescription();
}
