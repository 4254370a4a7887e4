using Microsoft.AspNetCore.Components;

namespace Cerchio.Ui.Frame;

// The frame (UX.md) is drawn by the host, but what it shows belongs to the modules: each registers its sidebar section,
// its home-page panel and its first steps here, so a new module adds its own without the host knowing its pages.

/// <summary>A module's section of the sidebar (Assistenza, Clienti, Amministrazione…).</summary>
public interface ISidebarSection
{
    /// <summary>Where the section goes, smaller first: see <see cref="SidebarOrder"/>.</summary>
    int Order { get; }

    /// <summary>
    /// The section as the person signed in may use it, with its counts; null when their role may use none of it.
    /// Called on every page: counts come from a fixed number of queries, never one per link.
    /// </summary>
    Task<SidebarSection?> BuildAsync(CancellationToken ct = default);
}

/// <summary>The sections' places, in the order UX.md gives them; Amministrazione always last.</summary>
public static class SidebarOrder
{
    public const int Service = 100;
    public const int Customers = 200;
    public const int Feedback = 300;
    public const int Journeys = 400;
    public const int Improvement = 500;
    public const int Communications = 600;
    public const int Insights = 700;
    public const int Administration = 1000;
}

/// <param name="Id">The section's element id ("sidebar-assistenza"), for tests and for in-page links.</param>
/// <param name="Title">An Italian source text; the sidebar translates it.</param>
public sealed record SidebarSection(string Id, string Title, IReadOnlyList<SidebarGroup> Groups);

/// <summary>Links shown together; a titled group (the desk's settings) is set apart under its title.</summary>
/// <param name="Id">The list's element id, if the group needs one.</param>
public sealed record SidebarGroup(string? Title, string? Id, IReadOnlyList<SidebarLink> Links);

/// <param name="Label">An Italian source text; the sidebar translates it.</param>
/// <param name="Href">A local address; the link whose path and query best match the page is the current one.</param>
public sealed record SidebarLink(string Label, string Href)
{
    /// <summary>Written as data-nav, so tests and scripts find the link whatever its words.</summary>
    public string? Key { get; init; }

    /// <summary>A number beside the label (cases in a view, tasks waiting); none when it would not help.</summary>
    public int? Count { get; init; }

    /// <summary>The count asks for attention (overdue, complaints): drawn in red when above zero.</summary>
    public bool Urgent { get; init; }

    /// <summary>Links under this one (the inbox's views).</summary>
    public IReadOnlyList<SidebarLink> Children { get; init; } = [];

    /// <summary>The element id of the children's list.</summary>
    public string? ChildrenId { get; init; }
}

/// <summary>A module's panel on the home page: what its person should do now, or nothing.</summary>
public interface IHomePanel
{
    /// <summary>Where the panel goes, smaller first, as in <see cref="SidebarOrder"/>.</summary>
    int Order { get; }

    /// <summary>
    /// Loads what the panel shows and returns it ready to draw (null: nothing for this person). The home page calls the
    /// panels one after another, because the components of a request share one database context; so the markup
    /// returned must not query again.
    /// </summary>
    Task<RenderFragment?> BuildAsync(CancellationToken ct = default);
}

/// <summary>
/// A module's panel on a customer's page (the voice of the customer beside the record): loaded one after another
/// after the record, like the home page's panels, so the markup returned must not query again.
/// </summary>
public interface ICustomerPanel
{
    /// <summary>Where the panel goes, smaller first.</summary>
    int Order { get; }

    /// <summary>The panel for the customer (a company or a person), or null when there is nothing to show.</summary>
    Task<RenderFragment?> BuildAsync(Guid customerId, CancellationToken ct = default);
}

/// <summary>A module's part of the "first steps" checklist a new organization sees on the home page.</summary>
public interface IFirstSteps
{
    /// <summary>The steps the person signed in may take, each ticked from the organization's real data.</summary>
    Task<IReadOnlyList<FirstStep>> StepsAsync(CancellationToken ct = default);
}

/// <param name="Key">Written as data-step.</param>
/// <param name="Order">Where the step goes in the list, smaller first.</param>
/// <param name="Label">An Italian source text; the home page translates it.</param>
/// <param name="Href">Where the step is taken.</param>
/// <param name="Done">Whether the organization's data shows the step taken.</param>
public sealed record FirstStep(string Key, int Order, string Label, string Href, bool Done);

/// <summary>
/// A module's banner above every page, for what the person must not miss (an announcement to acknowledge before a
/// launch). Loaded with the sidebar, before the page renders; the markup returned must not query again.
/// </summary>
public interface IFrameBanner
{
    /// <summary>Where the banner goes, smaller first, as in <see cref="SidebarOrder"/>.</summary>
    int Order { get; }

    /// <summary>
    /// The banner for the person signed in on the page at <paramref name="path"/> (a banner about what that page already
    /// shows is left out), or null when there is nothing for them.
    /// </summary>
    Task<RenderFragment?> BuildAsync(string path, CancellationToken ct = default);
}
