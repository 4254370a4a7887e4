using Cerchio.Data;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Mailboxes;
using Cerchio.Tenancy;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cerchio.Service.Features.InboundEmail;

/// <summary>
/// Reads every active mailbox by IMAP, oldest new UID first. Each mailbox is read by one instance at a time (a lease
/// on its row); the last UID and the folder's UIDVALIDITY are stored after every message, so a restart resumes where
/// it stopped and nothing is read twice or skipped. A message that cannot be imported is kept with its reason and
/// the poll moves on; a second read of the same message is caught by its Message-ID.
/// </summary>
internal sealed class MailboxPoller(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<MailboxPoller> logger) : BackgroundService
{
    private TimeSpan Interval => configuration.GetValue("Mailboxes:PollInterval", TimeSpan.FromSeconds(60));

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollAllAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Polling the mailboxes failed; trying again in {Interval}.", Interval);
            }

            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task PollAllAsync(CancellationToken ct)
    {
        List<(Guid Id, Guid OrganizationId)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CerchioDb>();
            due = (await db.Set<Mailbox>().IgnoreQueryFilters().AsNoTracking()
                .Where(m => m.IsActive && m.ImapHost != null)
                .Select(m => new { m.Id, m.OrganizationId }).ToListAsync(ct))
                .Select(m => (m.Id, m.OrganizationId)).ToList();
        }

        foreach (var (id, organizationId) in due)
        {
            await PollAsync(id, organizationId, ct);
        }
    }

    /// <summary>Reads one mailbox if no other instance holds it; returns how many new messages were handled.</summary>
    public async Task<int> PollAsync(Guid mailboxId, Guid organizationId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<OrganizationContext>().Set(organizationId, null, "posta in arrivo", Role.Administrator);
        var db = scope.ServiceProvider.GetRequiredService<CerchioDb>();
        var token = Guid.NewGuid();
        var now = clock.GetUtcNow();
        var until = now + Lease;
        var taken = await db.Set<Mailbox>()
            .Where(m => m.Id == mailboxId && (m.PollLeaseUntil == null || m.PollLeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.PollLeaseUntil, until).SetProperty(m => m.PollLeaseToken, token), ct);
        if (taken == 0)
        {
            return 0;
        }

        var handled = 0;
        var held = db.Set<Mailbox>().Where(m => m.Id == mailboxId && m.PollLeaseToken == token);
        try
        {
            var mailbox = await db.Set<Mailbox>().AsNoTracking().FirstAsync(m => m.Id == mailboxId, ct);
            var secrets = scope.ServiceProvider.GetRequiredService<MailboxSecrets>();
            var inbound = scope.ServiceProvider.GetRequiredService<InboundMail>();

            using var imap = new ImapClient { Timeout = 60_000 };
            await imap.ConnectAsync(mailbox.ImapHost!, mailbox.ImapPort, mailbox.ImapSecurity, ct);
            await imap.AuthenticateAsync(mailbox.ImapUserName ?? "", secrets.Unprotect(mailbox.ImapPasswordProtected) ?? "", ct);
            var folder = await imap.GetFolderAsync(mailbox.ImapFolder, ct);
            await folder.OpenAsync(FolderAccess.ReadOnly, ct);

            // A new UIDVALIDITY means the server renumbered the folder: read it all again; Message-IDs catch what is already in.
            var lastUid = mailbox.UidValidity == folder.UidValidity ? mailbox.LastUid : 0;
            var uids = lastUid >= uint.MaxValue ? [] : await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId((uint)lastUid + 1), UniqueId.MaxValue)), ct);
            var reachedUid = lastUid;
            foreach (var uid in uids.Where(u => u.Id > lastUid).OrderBy(u => u.Id))
            {
                await using (var raw = await folder.GetStreamAsync(uid, string.Empty, ct))
                {
                    await inbound.ReceiveAsync(raw, mailbox, "imap", uid.Id, ct);
                }

                db.ChangeTracker.Clear();
                var validity = (long)folder.UidValidity;
                reachedUid = uid.Id;
                var extended = clock.GetUtcNow() + Lease;
                if (await held.ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.LastUid, reachedUid)
                        .SetProperty(m => m.UidValidity, validity)
                        .SetProperty(m => m.PollLeaseUntil, extended), ct) == 0)
                {
                    // The lease ran out and another instance took the mailbox: leave the rest to it.
                    return handled;
                }

                handled++;
            }

            var validityNow = (long)folder.UidValidity;
            var polled = clock.GetUtcNow();
            await held.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.UidValidity, validityNow)
                .SetProperty(m => m.LastUid, reachedUid)
                .SetProperty(m => m.LastPolledAt, polled)
                .SetProperty(m => m.LastPollError, (string?)null), ct);
            await imap.DisconnectAsync(true, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Mailbox {MailboxId} could not be read.", mailboxId);
            var message = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
            var failedAt = clock.GetUtcNow();
            await held.ExecuteUpdateAsync(s => s.SetProperty(m => m.LastPollError, message).SetProperty(m => m.LastPolledAt, failedAt), CancellationToken.None);
        }
        finally
        {
            await held.ExecuteUpdateAsync(s => s.SetProperty(m => m.PollLeaseUntil, (DateTimeOffset?)null).SetProperty(m => m.PollLeaseToken, (Guid?)null), CancellationToken.None);
        }

        return handled;
    }
}
