using Cerchio.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Service.Features.Search;

/// <summary>The search page's "results as you type": a small HTML fragment that htmx swaps in under a search box.</summary>
internal static class SearchEndpoints
{
    public const string PagePath = "/assistenza/cerca";
    public const string PreviewPath = "/assistenza/cerca/anteprima";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(PreviewPath, Preview)
            .RequireAuthorization(Permissions.ViewCases)
            .ExcludeFromDescription();

    private static RazorComponentResult<SearchPreview> Preview(string? q) =>
        new(new Dictionary<string, object?> { [nameof(SearchPreview.Q)] = q });
}

/// <summary>Italian names of what a search finds (Loc translates).</summary>
internal static class SearchLabels
{
    public static string Of(Domain.CaseEntryKind kind) => kind switch
    {
        Domain.CaseEntryKind.CustomerMessage => "Messaggio del cliente",
        Domain.CaseEntryKind.Reply => "Risposta al cliente",
        Domain.CaseEntryKind.Note => "Nota interna",
        Domain.CaseEntryKind.ConversationNote => "Nota di un colloquio",
        Domain.CaseEntryKind.HandOffRequested => "Richiesta a un reparto",
        Domain.CaseEntryKind.HandOffAnswered => "Risposta di un reparto",
        _ => "Evento della pratica",
    };
}
