using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Markdown;
using Cerchio.Text;
using Cerchio.Ui.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.Announcements;

internal static class AnnouncementsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/announcements", ListAsync).WithName("ListAnnouncements")
            .WithSummary("Published and archived announcements, newest launch first, each with its coverage.");
        api.MapGet("/announcements/{announcementId:guid}", GetAsync).WithName("GetAnnouncement")
            .WithSummary("One announcement with its body (Markdown and inert HTML) and its coverage.");
        api.MapPost("/announcements/{announcementId:guid}/acknowledgements", AcknowledgeAsync).WithName("AcknowledgeAnnouncement")
            .WithSummary("A member of the announcement's audience, named by email, acknowledges it; again changes nothing.");
    }

    private static async Task<Ok<List<AnnouncementDto>>> ListAsync(CerchioDb db, CancellationToken ct)
    {
        var announcements = await db.Set<Announcement>().AsNoTracking().Where(a => a.Status != AnnouncementStatus.Draft)
            .OrderByDescending(a => a.EffectiveAt).Take(AnnouncementList.MaxRows).ToListAsync(ct);
        var ids = announcements.Select(a => a.Id).ToList();
        var receipts = (await db.Set<AnnouncementReceipt>().AsNoTracking().Where(r => ids.Contains(r.AnnouncementId)).ToListAsync(ct)).ToLookup(r => r.AnnouncementId);
        return TypedResults.Ok(announcements.Select(a => Dto(a, receipts[a.Id].ToList())).ToList());
    }

    private static async Task<Results<Ok<AnnouncementDto>, ProblemHttpResult>> GetAsync(Guid announcementId, Announcements announcements, CancellationToken ct)
    {
        var found = await announcements.FindPublishedAsync(announcementId, ct);
        return found is null ? ApiResults.NotFound("announcement") : TypedResults.Ok(Dto(found, await announcements.ReceiptsAsync(found.Id, ct)));
    }

    private static async Task<Results<Ok<AcknowledgementDto>, ProblemHttpResult, ValidationProblem>> AcknowledgeAsync(
        Guid announcementId, AcknowledgementInput input, CerchioDb db, Announcements announcements, IOrganizationDirectory organization, Loc l, CancellationToken ct)
    {
        var found = await db.Set<Announcement>().FirstOrDefaultAsync(a => a.Id == announcementId && a.Status != AnnouncementStatus.Draft, ct);
        if (found is null)
        {
            return ApiResults.NotFound("announcement");
        }

        var email = input.Email?.Trim();
        var members = await organization.MembersAsync(ct);
        var person = string.IsNullOrEmpty(email) ? null
            : (await organization.ContactsOfMembersAsync(members.Select(m => m.UserId), ct)).FirstOrDefault(c => string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase));
        var errors = await announcements.AcknowledgeAsync(found, person?.UserId, ct);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors, l);
        }

        var receipt = (await announcements.ReceiptsAsync(found.Id, ct)).First(r => r.UserId == person!.UserId);
        return TypedResults.Ok(new AcknowledgementDto(found.Id, person!.Email, receipt.ReadAt, receipt.AcknowledgedAt));
    }

    public static AnnouncementDto Dto(Announcement a, IReadOnlyCollection<AnnouncementReceipt> receipts)
    {
        var coverage = Coverage.Of(a, receipts);
        return new AnnouncementDto(
            a.Id, AnnouncementNames.Slug(a.Kind), a.Title, a.Body, SafeMarkdown.ToHtml(a.Body), a.EffectiveAt, a.RequiresAcknowledgement,
            a.Status == AnnouncementStatus.Archived ? "archived" : "published", a.PublishedAt, a.TouchpointCodes, a.Products,
            new CoverageDto(coverage.Audience, coverage.Read, coverage.Acknowledged, coverage.InformedBeforeLaunch, coverage.Percent));
    }
}
