using Cerchio.Ui.Frame;
using Cerchio.Web.Auth;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Cerchio.Web.Composition;

/// <summary>The sidebar's sections and the banners for this request, as the person signed in may use them; empty outside the pages.</summary>
public sealed class SidebarState
{
    public IReadOnlyList<SidebarSection> Sections { get; set; } = [];

    /// <summary>The modules' banners above the page (<see cref="IFrameBanner"/>).</summary>
    public IReadOnlyList<Microsoft.AspNetCore.Components.RenderFragment> Banners { get; set; } = [];
}

/// <summary>
/// Loads the modules' sidebar sections before a page renders, rather than in the layout: a layout that waits on them
/// holds the page's rendering back to a later pass (the components of a request share one database context, one
/// query at a time), and a page that redirects from that later pass overflowed the static renderer's stack (seen on
/// PostgreSQL in the bad-input harness, on /configurazione signed in). Only for pages with a person signed in:
/// fragments, downloads and the API never draw the frame.
/// </summary>
public static class SidebarLoading
{
    public static async Task LoadAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
            && context.RequestServices.GetRequiredService<CurrentSession>().Current is not null)
        {
            var sections = new List<SidebarSection>();
            foreach (var contribution in context.RequestServices.GetServices<ISidebarSection>().OrderBy(s => s.Order))
            {
                if (await contribution.BuildAsync(context.RequestAborted) is { } section)
                {
                    sections.Add(section);
                }
            }

            var banners = new List<Microsoft.AspNetCore.Components.RenderFragment>();
            foreach (var contribution in context.RequestServices.GetServices<IFrameBanner>().OrderBy(b => b.Order))
            {
                if (await contribution.BuildAsync(context.Request.Path.Value ?? "/", context.RequestAborted) is { } banner)
                {
                    banners.Add(banner);
                }
            }

            var state = context.RequestServices.GetRequiredService<SidebarState>();
            state.Sections = sections;
            state.Banners = banners;
        }

        await next(context);
    }
}
