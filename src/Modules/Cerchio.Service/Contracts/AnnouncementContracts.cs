namespace Cerchio.Service.Contracts;

/// <summary>
/// GET /api/v1/announcements: an announcement as its audience reads it. Kind: new_product, promotion, price_change,
/// process_change or incident; status: published or archived. <c>BodyHtml</c> is the Markdown body rendered inert
/// (raw HTML escaped, only web, mail and phone links kept).
/// </summary>
public sealed record AnnouncementDto(
    Guid Id, string Kind, string Title, string Body, string BodyHtml, DateTimeOffset EffectiveAt, bool RequiresAcknowledgement, string Status,
    DateTimeOffset? PublishedAt, IReadOnlyList<string> Touchpoints, string Products, CoverageDto Coverage);

/// <param name="InformedBeforeLaunch">Acknowledged (or read, when no acknowledgement is asked) before the effective date.</param>
/// <param name="Percent">InformedBeforeLaunch as a share of the audience, 0–100; null without an audience.</param>
public sealed record CoverageDto(int Audience, int Read, int Acknowledged, int InformedBeforeLaunch, double? Percent);

/// <summary>POST /api/v1/announcements/{id}/acknowledgements: the member of the audience who acknowledges, by email.</summary>
public sealed record AcknowledgementInput(string? Email);

public sealed record AcknowledgementDto(Guid AnnouncementId, string Email, DateTimeOffset? ReadAt, DateTimeOffset? AcknowledgedAt);

/// <summary>
/// "The front line is informed first": over the announcements launching in a period, the people of their audiences
/// informed before the launch (acknowledged, or read when no acknowledgement was asked), as a share of them all.
/// An announcement published after its launch counts its whole audience as not informed first.
/// </summary>
public sealed record FrontLineReadiness(int Announcements, int Audience, int InformedBeforeLaunch)
{
    public double? Rate => Audience == 0 ? null : Math.Round(100.0 * InformedBeforeLaunch / Audience, 1);
}

/// <summary>For the cruscotto: how well the current organization tells its front line before launches.</summary>
public interface IFrontLineReadiness
{
    /// <summary>Over the published (or since archived) announcements whose launch falls in [from, to).</summary>
    Task<FrontLineReadiness> InformedFirstAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default);
}
