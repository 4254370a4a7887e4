using Cerchio.Data;
using Cerchio.Data.Sweeps;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Tenancy;
using Cerchio.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cerchio.Service.Features.Knowledge;

/// <summary>
/// Tells the owner of a published article, once its review date has passed, to check it still holds: the head of
/// its owner department, or the CX leads when it has no owner or the department no head (an article nobody answers
/// for is the CX lead's to place). Once per review date, across instances: a conditional UPDATE of
/// <see cref="Article.StaleNotifiedFor"/> claims it in the transaction that stores the notifications.
/// </summary>
internal sealed class StaleArticlePass(IServiceScopeFactory scopes, TimeProvider clock, ILogger<StaleArticlePass> logger) : ISweepPass
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var today = Times.DayInItaly(clock.GetUtcNow());
        List<(Guid Id, Guid OrganizationId)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = (await scope.ServiceProvider.GetRequiredService<CerchioDb>().Set<Article>().IgnoreQueryFilters().AsNoTracking()
                .Where(a => a.Status == ArticleStatus.Published && a.ReviewBy < today && (a.StaleNotifiedFor == null || a.StaleNotifiedFor != a.ReviewBy))
                .OrderBy(a => a.ReviewBy)
                .Select(a => new { a.Id, a.OrganizationId })
                .Take(200)
                .ToListAsync(ct)).Select(a => (a.Id, a.OrganizationId)).ToList();
        }

        return await SweepItems.EachAsync(scopes, due, "revisione articoli", (services, id) => FlagAsync(services, id, ct), logger, ct);
    }

    private static async Task<bool> FlagAsync(IServiceProvider services, Guid id, CancellationToken ct)
    {
        var db = services.GetRequiredService<CerchioDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var article = await db.Set<Article>().AsNoTracking().FirstAsync(a => a.Id == id, ct);
        var won = await db.Set<Article>()
            .Where(a => a.Id == id && a.ReviewBy == article.ReviewBy && (a.StaleNotifiedFor == null || a.StaleNotifiedFor != a.ReviewBy))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.StaleNotifiedFor, a => a.ReviewBy), ct);
        if (won == 0)
        {
            return false;   // another instance has it, or the article changed meanwhile (the transaction rolls back on dispose)
        }

        var directory = services.GetRequiredService<IOrganizationDirectory>();
        var head = (await directory.DepartmentsAsync(ct)).FirstOrDefault(d => d.Id == article.OwnerDepartmentId)?.HeadUserId;
        var recipients = head is { } h ? [h] : (await directory.MembersAsync(ct)).Where(m => m.Role == Role.CxLead).Select(m => m.UserId).ToList();
        await services.GetRequiredService<INotifications>().AddAsync(
            new NewNotification(NotificationKind.ArticleToReview, KnowledgeBase.PageOf(id), "Articolo da rivedere: «{0}»", article.Title), recipients, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
