using System.Threading.RateLimiting;
using Cerchio.Data.Outbox;
using Cerchio.Data.Sweeps;
using Cerchio.Feedback.Features.Respond;
using Cerchio.Feedback.Features.Surveys;
using Cerchio.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Feedback;

/// <summary>Listening to customers: NPS, CSAT and CES surveys tied to real interactions, their public response pages and their results.</summary>
public static class FeedbackModule
{
    public static IServiceCollection AddFeedbackModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ITranslations, FeedbackTranslations>();
        services.AddSingleton<ITranslations, Features.TextAnalysis.TextAnalysisTranslations>();
        services.AddSingleton<ITranslations, Features.Loops.LoopTranslations>();
        services.AddSingleton<ITranslations, Features.Widget.WidgetTranslations>();
        services.AddSingleton<ITranslations, Features.Import.ImportAnswersTranslations>();
        services.AddSingleton<ITranslations, Features.Invitations.ScheduleTranslations>();
        services.AddSingleton<Features.TextAnalysis.TextAnalyzer>();
        services.AddScoped<Features.TextAnalysis.TextKnowledge>();
        services.AddScoped<SurveyBook>();
        services.AddScoped<Respondent>();
        services.AddScoped<Features.Import.AnswerImporter>();
        services.AddScoped<Features.Invitations.SurveyInvitations>();
        services.AddScoped<Features.Invitations.SurveySchedules>();
        services.AddScoped<Contracts.IFeedbackDemoData, Features.Demo.FeedbackDemoData>();
        services.AddModuleEventHandler<Cerchio.Service.Contracts.CaseResolved, Features.Invitations.SurveyTriggers>();
        // Events first: an event trigger without delay stores its invitation as sent, one with a delay as scheduled.
        services.AddSweepPass<Features.Invitations.InviteAfterEvents>();
        services.AddSweepPass<Features.Invitations.RunSurveySchedules>();
        services.AddSweepPass<Features.Invitations.SendScheduledInvitations>();
        services.AddScoped<Features.Loops.Loops>();
        services.AddModuleEventHandler<Contracts.SurveyAnswered, Features.Loops.AnswerFollowUp>();
        services.AddSweepPass<Features.Loops.EscalateOverdueLoops>();
        services.AddScoped<Cerchio.Touchpoints.ITouchpointOpenWork, Features.Loops.TouchpointLoops>();
        services.AddScoped<Features.Loops.LoopsHome>();
        services.AddScoped<Cerchio.Ui.Frame.IHomePanel>(sp => sp.GetRequiredService<Features.Loops.LoopsHome>());
        services.AddScoped<Features.Scores.SurveyResults>();
        services.AddScoped<Features.Scores.SurveyTrends>();
        services.AddScoped<Features.Scores.QuestionResults>();
        services.AddScoped<Features.TextAnalysis.AnswerCorrections>();
        services.AddScoped<Features.CustomerVoice.CustomerVoice>();
        services.AddScoped<Features.CustomerVoice.CustomerVoicePanelSource>();
        services.AddScoped<Cerchio.Ui.Frame.ICustomerPanel>(sp => sp.GetRequiredService<Features.CustomerVoice.CustomerVoicePanelSource>());
        services.AddScoped<Cerchio.Touchpoints.ITouchpointMetricSource, Features.Scores.SurveyTouchpointMetrics>();
        services.AddScoped<Cerchio.Ui.Frame.ISidebarSection, Features.Frame.FeedbackSidebar>();

        // A public link takes answers from anyone: a flood from one address is slowed, so nobody stuffs the results.
        var answersPerMinute = configuration.GetValue("Security:SurveyAnswersPerMinute", 30);
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(ResponseEndpoints.RateLimit, context =>
            RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = answersPerMinute, Window = TimeSpan.FromMinutes(1) })));
        return services;
    }

    /// <param name="api">The /api/v1 group: API-key authentication and organization scope are already applied.</param>
    public static void MapFeedbackModule(this IEndpointRouteBuilder app, IEndpointRouteBuilder api)
    {
        SurveysApi.Map(api.MapGroup("").WithTags("Surveys"));
        Features.TextAnalysis.TextAnalysisApi.Map(api.MapGroup("").WithTags("Text analysis"));
        Features.Loops.LoopsApi.Map(api.MapGroup("").WithTags("Loops"));
        Features.Scores.TrendsApi.Map(api.MapGroup("").WithTags("Surveys"));
        Features.CustomerVoice.CustomerVoiceApi.Map(api.MapGroup("").WithTags("Surveys"));
        Features.Import.ImportAnswersApi.Map(api.MapGroup("").WithTags("Surveys"));
        SurveyPageEndpoints.Map(app);
        Features.Scores.AnswersExport.Map(app);
        ResponseEndpoints.Map(app);
        Features.Widget.WidgetScript.Map(app);
    }
}
