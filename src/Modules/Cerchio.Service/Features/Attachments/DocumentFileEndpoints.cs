using Cerchio.Service.Domain;
using Cerchio.Service.Features.Announcements;
using Cerchio.Service.Features.Knowledge;
using Cerchio.Tenancy;
using Cerchio.Ui.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Service.Features.Attachments;

/// <summary>A file of an announcement or an article, as the API lists it; download it from its url.</summary>
internal sealed record DocumentFileDto(Guid Id, string FileName, string ContentType, long Size, DateTimeOffset AddedAt, string Url);

/// <summary>
/// Downloads of announcements' and articles' files, from their pages and from the API. A file is found through its
/// owner, and only when the person may see the owner (a draft announcement only by those who write them).
/// </summary>
internal static class DocumentFileEndpoints
{
    public static string PageUrl(DocumentOwner kind, Guid ownerId, Guid fileId) => $"{PageOf(kind, ownerId)}/allegati/{fileId}";

    /// <summary>The owner's files as its page shows them.</summary>
    public static List<(Guid Id, string FileName, string ContentType, long Size, string Url)> Chips(DocumentOwner kind, Guid ownerId, IEnumerable<DocumentFileInfo> files) =>
        files.Select(f => (f.Id, f.FileName, f.ContentType, f.Size, PageUrl(kind, ownerId, f.Id))).ToList();

    private static string PageOf(DocumentOwner kind, Guid ownerId) =>
        kind == DocumentOwner.Announcement ? Announcements.Announcements.PageOf(ownerId) : KnowledgeBase.PageOf(ownerId);

    private static string ApiUrl(DocumentOwner kind, Guid ownerId, Guid fileId) =>
        $"/api/v1/{(kind == DocumentOwner.Announcement ? "announcements" : "articles")}/{ownerId}/attachments/{fileId}";

    public static void MapPages(IEndpointRouteBuilder app)
    {
        app.MapGet(Announcements.Announcements.ListPath + "/{announcementId:guid}/allegati/{announcementFileId:guid}",
                async (Guid announcementId, Guid announcementFileId, Announcements.Announcements announcements, DocumentFiles files, CancellationToken ct) =>
                    await announcements.FindAsync(announcementId, ct) is not null && await files.FindAsync(announcementId, announcementFileId, ct) is { } f
                        ? CaseFiles.Serve(f.FileName, f.ContentType, f.Content, inline: false) : Results.NotFound())
            .RequireAuthorization(Permissions.ReadAnnouncements).ExcludeFromDescription();
        app.MapGet(KnowledgeBase.ListPath + "/{articleId:guid}/allegati/{articleFileId:guid}",
                async (Guid articleId, Guid articleFileId, KnowledgeBase knowledge, DocumentFiles files, CancellationToken ct) =>
                    await knowledge.FindAsync(articleId, ct) is not null && await files.FindAsync(articleId, articleFileId, ct) is { } f
                        ? CaseFiles.Serve(f.FileName, f.ContentType, f.Content, inline: false) : Results.NotFound())
            .RequireAuthorization(Permissions.ReadKnowledge).ExcludeFromDescription();
    }

    public static void MapApi(IEndpointRouteBuilder announcementsApi, IEndpointRouteBuilder knowledgeApi)
    {
        announcementsApi.MapGet("/announcements/{announcementId:guid}/attachments",
                async (Guid announcementId, Announcements.Announcements announcements, DocumentFiles files, CancellationToken ct) =>
                    await announcements.FindPublishedAsync(announcementId, ct) is null
                        ? (Results<Ok<List<DocumentFileDto>>, ProblemHttpResult>)ApiResults.NotFound("announcement")
                        : TypedResults.Ok(Dtos(DocumentOwner.Announcement, announcementId, await files.ListAsync(announcementId, ct))))
            .WithName("ListAnnouncementAttachments").WithSummary("The announcement's files, without their content; download each from its url.");
        announcementsApi.MapGet("/announcements/{announcementId:guid}/attachments/{announcementFileId:guid}",
                async (Guid announcementId, Guid announcementFileId, Announcements.Announcements announcements, DocumentFiles files, CancellationToken ct) =>
                    await announcements.FindPublishedAsync(announcementId, ct) is not null && await files.FindAsync(announcementId, announcementFileId, ct) is { } f
                        ? CaseFiles.Serve(f.FileName, f.ContentType, f.Content, inline: false) : ApiResults.NotFound("attachment"))
            .WithName("GetAnnouncementAttachment").WithSummary("Downloads one file of the announcement, as an attachment with its name.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
        knowledgeApi.MapGet("/articles/{articleId:guid}/attachments",
                async (Guid articleId, KnowledgeBase knowledge, DocumentFiles files, CancellationToken ct) =>
                    await knowledge.FindAsync(articleId, ct) is null
                        ? (Results<Ok<List<DocumentFileDto>>, ProblemHttpResult>)ApiResults.NotFound("article")
                        : TypedResults.Ok(Dtos(DocumentOwner.Article, articleId, await files.ListAsync(articleId, ct))))
            .WithName("ListArticleAttachments").WithSummary("The article's files, without their content; download each from its url.");
        knowledgeApi.MapGet("/articles/{articleId:guid}/attachments/{articleFileId:guid}",
                async (Guid articleId, Guid articleFileId, KnowledgeBase knowledge, DocumentFiles files, CancellationToken ct) =>
                    await knowledge.FindAsync(articleId, ct) is not null && await files.FindAsync(articleId, articleFileId, ct) is { } f
                        ? CaseFiles.Serve(f.FileName, f.ContentType, f.Content, inline: false) : ApiResults.NotFound("attachment"))
            .WithName("GetArticleAttachment").WithSummary("Downloads one file of the article, as an attachment with its name.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
    }

    private static List<DocumentFileDto> Dtos(DocumentOwner kind, Guid ownerId, IEnumerable<DocumentFileInfo> files) =>
        files.Select(f => new DocumentFileDto(f.Id, f.FileName, f.ContentType, f.Size, f.AddedAt, ApiUrl(kind, ownerId, f.Id))).ToList();
}
