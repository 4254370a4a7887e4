using System.Security.Claims;
using Cerchio.Data;
using Cerchio.Organizations.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cerchio.Organizations.Features.Session;

/// <summary>
/// The sign-in cookie's session store (CookieAuthenticationOptions.SessionStore): tickets live in the
/// SignInSessions table, the cookie holds only the key. Signing out deletes the row, so a copied cookie stops
/// working at once on every instance. A singleton held by the cookie options: each call opens its own scope.
/// </summary>
internal sealed class DatabaseTicketStore(IServiceScopeFactory scopes, TimeProvider clock, IOptions<IdentityOptions> identity) : ITicketStore
{
    /// <summary>Only for a ticket without an expiry, which the cookie handler never writes.</summary>
    private static readonly TimeSpan FallbackLifetime = TimeSpan.FromHours(10);

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (session, key) = SignInSession.Start(UserIdOf(ticket), TicketSerializer.Default.Serialize(ticket), now, ExpiryOf(ticket, now));

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CerchioDb>();
        // Sessions nobody signed out of expire here: each sign-in sweeps the dead ones (indexed on ExpiresAt).
        await db.Set<SignInSession>().Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        db.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    /// <summary>
    /// Sliding expiration, refreshed claims, and a re-sign-in over a live session (switching organization or language):
    /// the cookie handler keeps the key and replaces the ticket, so the row is updated in place. A row already deleted
    /// (signed out) is not brought back. A ticket for another person never takes over the row: whoever knew the key
    /// (a cookie planted in this browser) would hold that person's session. The row is dropped instead, and the next
    /// sign-in starts a new session.
    /// </summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var hash = SignInSession.Hash(key);
        var userId = UserIdOf(ticket);
        var bytes = TicketSerializer.Default.Serialize(ticket);
        var expiresAt = ExpiryOf(ticket, clock.GetUtcNow());
        await using var scope = scopes.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<CerchioDb>().Set<SignInSession>();
        var renewed = await sessions
            .Where(s => s.KeyHash == hash && s.UserId == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Ticket, bytes).SetProperty(s => s.ExpiresAt, expiresAt), cancellationToken);
        if (renewed == 0)
        {
            await sessions.Where(s => s.KeyHash == hash).ExecuteDeleteAsync(CancellationToken.None);
        }
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        var hash = SignInSession.Hash(key);
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var bytes = await scope.ServiceProvider.GetRequiredService<CerchioDb>().Set<SignInSession>().AsNoTracking()
            .Where(s => s.KeyHash == hash && s.ExpiresAt > now)
            .Select(s => s.Ticket)
            .FirstOrDefaultAsync(cancellationToken);
        return bytes is null ? null : TicketSerializer.Default.Deserialize(bytes);
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    /// <summary>
    /// Sign-out, an expired ticket, and a ticket the security-stamp check rejects (e.g. after a password change).
    /// Not cancelled with the request: a person who signs out and closes the tab must still be signed out.
    /// </summary>
    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        var hash = SignInSession.Hash(key);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CerchioDb>().Set<SignInSession>()
            .Where(s => s.KeyHash == hash)
            .ExecuteDeleteAsync(CancellationToken.None);
    }

    private Guid UserIdOf(AuthenticationTicket ticket) =>
        Guid.Parse(ticket.Principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType)
            ?? throw new InvalidOperationException("A session belongs to a signed-in person."));

    private static DateTimeOffset ExpiryOf(AuthenticationTicket ticket, DateTimeOffset now) =>
        ticket.Properties.ExpiresUtc ?? now.Add(FallbackLifetime);
}
