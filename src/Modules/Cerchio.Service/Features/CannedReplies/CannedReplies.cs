using Cerchio.Customers.Contracts;
using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Desk;
using Cerchio.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Service.Features.CannedReplies;

/// <summary>The organization's canned replies, and one of them written out for a case.</summary>
internal sealed class CannedReplies(CerchioDb db, DeskDirectory directory, ICustomerDirectory customers, OrganizationContext tenant)
{
    public Task<List<CannedReply>> ListAsync(CancellationToken ct = default) =>
        db.Set<CannedReply>().AsNoTracking().OrderBy(r => r.TitleKey).ToListAsync(ct);

    /// <summary>The reply with its placeholders filled in for this case and the signed-in agent; null when the
    /// organization has no such reply (another organization's id included).</summary>
    public async Task<string?> ExpandForAsync(Guid? replyId, Case c, CancellationToken ct = default)
    {
        var reply = replyId is { } id ? await db.Set<CannedReply>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) : null;
        if (reply is null)
        {
            return null;
        }

        var customer = c.CustomerId is { } customerId ? (await customers.GetAsync(customerId, ct))?.Name : null;
        var agent = await directory.PersonNameAsync(tenant.UserId, ct);
        return Placeholders.Expand(reply.Body, new PlaceholderValues(customer ?? c.RequesterName, c.Number, agent, c.Subject), reply.Language);
    }

    /// <summary>What the agent typed stays first; the reply follows after a blank line.</summary>
    public static string Append(string? typed, string inserted) =>
        string.IsNullOrWhiteSpace(typed) ? inserted : typed.TrimEnd() + "\n\n" + inserted;
}
