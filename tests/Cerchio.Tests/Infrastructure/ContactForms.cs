using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.ContactForm;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Infrastructure;

/// <summary>What tests (the browser's too, which cannot see the modules' internals) need of the public contact form.</summary>
public static class ContactForms
{
    public static Task<string> SlugAsync(AppFixture app, Guid organizationId) =>
        app.InOrganizationAsync(organizationId, services => services.GetRequiredService<IOrganizationDirectory>().SlugAsync());

    /// <summary>The form's token as if it had been shown <paramref name="ago"/> before: a person takes longer than the spam check's minimum.</summary>
    public static async Task<string> TokenAsync(AppFixture app, Guid organizationId, TimeSpan ago)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<WebContactForm>().IssueToken(organizationId, DateTimeOffset.UtcNow - ago);
    }

    /// <summary>The requester addresses of the organization's web-form cases.</summary>
    public static Task<List<string?>> WebFormRequestersAsync(AppFixture app, Guid organizationId) =>
        app.InOrganizationAsync(organizationId, services => services.GetRequiredService<CerchioDb>().Set<Case>().AsNoTracking()
            .Where(c => c.Channel == CaseChannel.WebForm).Select(c => c.RequesterEmail).ToListAsync());
}
