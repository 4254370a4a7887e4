using Cerchio.Data;
using Cerchio.Data.Outbox;
using Cerchio.Data.Sweeps;
using Cerchio.Service.Contracts;
using Cerchio.Service.Features.CaseDetail;
using Cerchio.Service.Features.InboundEmail;
using Cerchio.Service.Features.Mailboxes;
using Cerchio.Service.Features.Desk;
using Cerchio.Service.Features.Inbox;
using Cerchio.Service.Features.OpenCase;
using Cerchio.Service.Features.QuickCapture;
using Cerchio.Service.Features.Search;
using Cerchio.Service.Features.Settings;
using Cerchio.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Service;

/// <summary>The service desk: cases from every channel, their conversation, SLAs on business hours, hand-offs.</summary>
public static class ServiceModule
{
    public static IServiceCollection AddServiceModule(this IServiceCollection services)
    {
        services.AddSingleton<ITranslations, ServiceTranslations>();
        services.AddSingleton<DeskSettingsCache>();
        services.AddScoped<ServiceSettings>();
        services.AddScoped<IOrganizationTimeZone>(sp => sp.GetRequiredService<ServiceSettings>());
        services.AddScoped<IBusinessHours>(sp => sp.GetRequiredService<ServiceSettings>());
        services.AddScoped<CaseDesk>();
        services.AddScoped<Features.MergeCases.CaseMerge>();
        services.AddScoped<Features.Mentions.MentionNotices>();
        services.AddSingleton<Features.LiveInbox.DeskFeed>();
        services.AddSingleton<Features.Presence.CasePresence>();
        services.AddSaveInterceptor<Features.LiveInbox.DeskChanges>();
        services.AddSaveInterceptor<Features.TouchpointDays.TouchpointDayMarks>();
        services.AddScoped<Contracts.IServiceDemoData, Features.Demo.ServiceDemoData>();
        services.AddScoped<Contracts.ICaseDirectory, Features.Directory.CaseDirectory>();
        services.AddScoped<Features.HandOffs.HandOffs>();
        services.AddScoped<DeskSearch>();
        services.AddSingleton<MailboxSecrets>();
        services.AddScoped<MailboxConnectionTest>();
        services.AddSingleton(sp => InboundLimits.From(sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()));
        services.AddScoped<InboundMail>();
        // Replies leave from their mailbox's server; the outbox asks here for every route (the system one included).
        services.AddScoped<ISmtpEndpoints, MailboxSmtpEndpoints>();
        services.AddSingleton<MailboxPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<MailboxPoller>());
        services.AddScoped<DeskDirectory>();
        services.AddScoped<InboxQuery>();
        services.AddScoped<Features.Complaints.ComplaintsQuery>();
        // The desk's timed work, in this order: SLA alerts, then auto-close.
        services.AddSweepPass<Features.SlaAlerts.SlaAlertPass>();
        services.AddSweepPass<Features.AutoClose.AutoClosePass>();
        services.AddScoped<Features.Report.ServiceReport>();
        services.AddScoped<Features.TouchpointDays.TouchpointFigures>();
        services.AddSweepPass<Features.TouchpointDays.TouchpointDaysPass>();
        services.AddScoped<Cerchio.Touchpoints.ITouchpointMetricSource, Features.Report.DeskTouchpointMetrics>();
        services.AddScoped<TouchpointCases>();
        services.AddScoped<Cerchio.Touchpoints.ITouchpointReferences>(sp => sp.GetRequiredService<TouchpointCases>());
        services.AddScoped<Cerchio.Touchpoints.ITouchpointOpenWork>(sp => sp.GetRequiredService<TouchpointCases>());
        services.AddScoped<Features.CannedReplies.CannedReplies>();
        services.AddOptions<Features.ContactForm.ContactFormOptions>().BindConfiguration("ContactForm");
        services.AddScoped<Features.ContactForm.WebContactForm>();
        services.AddScoped<Cerchio.Ui.IPublicPageLanguage, Features.ContactForm.ContactFormLanguage>();
        services.AddScoped<Cerchio.Ui.Frame.ISidebarSection, Features.Frame.DeskSidebar>();
        services.AddScoped<Features.Frame.DeskHome>();
        services.AddScoped<Cerchio.Ui.Frame.IHomePanel>(sp => sp.GetRequiredService<Features.Frame.DeskHome>());
        services.AddScoped<Cerchio.Ui.Frame.IFirstSteps, Features.Frame.DeskFirstSteps>();
        services.AddSingleton<ITranslations, Features.Announcements.AnnouncementTranslations>();
        services.AddScoped<Features.Announcements.Announcements>();
        services.AddScoped<Features.Announcements.AnnouncementList>();
        services.AddScoped<Features.Announcements.AnnouncementPublishers>();
        services.AddScoped<Features.Announcements.AnnouncementDemoData>();
        services.AddScoped<Features.Announcements.AnnouncementFrame>();
        services.AddScoped<Cerchio.Ui.Frame.IFrameBanner>(sp => sp.GetRequiredService<Features.Announcements.AnnouncementFrame>());
        services.AddScoped<Cerchio.Ui.Frame.ISidebarSection>(sp => sp.GetRequiredService<Features.Announcements.AnnouncementFrame>());
        services.AddScoped<IFrontLineReadiness, Features.Announcements.FrontLineReadinessQuery>();
        services.AddSweepPass<Features.Announcements.AnnouncementReminderPass>();
        services.AddSweepPass<Features.Announcements.AudienceCatchUpPass>();
        services.AddScoped<Features.Knowledge.KnowledgeBase>();
        services.AddScoped<Features.Attachments.DocumentFiles>();
        services.AddSingleton<ITranslations, Features.Attachments.DocumentFileTranslations>();
        services.AddSweepPass<Features.Knowledge.StaleArticlePass>();
        services.AddScoped<Features.Knowledge.KnowledgeDemoData>();
        services.AddSingleton<ITranslations, Features.Knowledge.KnowledgeTranslations>();
        services.AddScoped<Features.HelpCenter.PublicHelp>();
        services.AddScoped<Cerchio.Ui.IPublicPageLanguage, Features.HelpCenter.HelpCenterLanguage>();
        services.AddSingleton<ITranslations, Features.HelpCenter.HelpCenterTranslations>();
        services.AddScoped<Features.CaseArticles.CaseArticles>();
        services.AddSingleton<ITranslations, Features.CaseArticles.CaseArticlesTranslations>();
        return services;
    }

    /// <param name="app">The application: pages and their form posts.</param>
    /// <param name="api">The /api/v1 group: API-key authentication and organization scope are already applied.</param>
    public static void MapServiceModule(this IEndpointRouteBuilder app, IEndpointRouteBuilder api)
    {
        var cases = api.MapGroup("").WithTags("Cases");
        OpenCaseApi.Map(cases);
        CaseDetailApi.Map(cases);
        Features.MergeCases.MergeApi.Map(cases);
        Features.Attachments.AttachmentEndpoints.MapApi(cases);
        Features.HandOffs.HandOffApi.Map(cases);
        InboundWebhook.Map(api.MapGroup("").WithTags("Inbound email"));
        QuickCaptureEndpoints.Map(app);
        Features.Attachments.AttachmentEndpoints.MapPages(app);
        Features.LiveInbox.DeskFeedEndpoint.Map(app);
        Features.Presence.CasePresenceEndpoint.Map(app);
        SearchApi.Map(api.MapGroup("").WithTags("Search"));
        SearchEndpoints.Map(app);
        Features.Report.ReportApi.Map(api.MapGroup("").WithTags("Reports"));
        Features.Report.ReportApi.MapExport(app);
        Features.CannedReplies.CannedRepliesApi.Map(api.MapGroup("").WithTags("Canned replies"));
        Features.CannedReplies.CannedReplyInsert.Map(app);
        Features.Mentions.MentionEndpoints.Map(app);
        var announcementsApi = api.MapGroup("").WithTags("Announcements");
        var knowledgeApi = api.MapGroup("").WithTags("Knowledge");
        Features.Announcements.AnnouncementsApi.Map(announcementsApi);
        Features.Knowledge.KnowledgeApi.Map(knowledgeApi);
        Features.Attachments.DocumentFileEndpoints.MapApi(announcementsApi, knowledgeApi);
        Features.Attachments.DocumentFileEndpoints.MapPages(app);
        Features.HelpCenter.PublicHelp.MapFiles(app);
        Features.CaseArticles.CaseArticleEndpoints.Map(app);
    }
}
