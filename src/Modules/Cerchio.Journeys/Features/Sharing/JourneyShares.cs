using System.Security.Cryptography;
using System.Text;
using Cerchio.Data;
using Cerchio.Journeys.Domain;
using Cerchio.Journeys.Features.Maps;
using Cerchio.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Journeys.Features.Sharing;

/// <summary>What a share link's address leads to: the map, or why it no longer does.</summary>
internal enum ShareState
{
    Unknown = 0,
    Expired = 1,
    Revoked = 2,
    Open = 3,
}

/// <summary>
/// Read-only links to a journey map for people without an account (a consultant, the owner on a phone, a supplier in
/// the workshop). The address carries a random token; only its SHA-256 is kept, so the database alone opens nothing.
/// A link expires on its date and can be revoked at once.
/// </summary>
internal sealed class JourneyShares(CerchioDb db, OrganizationContext tenant, TimeProvider clock, IServiceScopeFactory scopes)
{
    public const int MaxDays = 365;

    public static string PagePathOf(Guid journeyId) => $"{JourneyBook.ListPath}/{journeyId}/condivisioni";

    public static string PublicPathOf(string token) => $"/condivisa/viaggi/{token}";

    public Task<List<JourneyShareLink>> ListAsync(Guid journeyId, CancellationToken ct = default) =>
        db.Set<JourneyShareLink>().AsNoTracking().Where(l => l.JourneyId == journeyId).OrderByDescending(l => l.CreatedAt).ToListAsync(ct);

    /// <summary>Makes a link valid for <paramref name="days"/> days; the token is returned this once. Field keys: Label, Days.</summary>
    public async Task<(string? Token, Errors Errors)> CreateAsync(Guid journeyId, string? label, int? days, CancellationToken ct = default)
    {
        var errors = new Errors();
        var text = label?.Trim() ?? "";
        if (text.Length > JourneyShareLink.MaxLabel)
        {
            errors.Add("Label", "Al massimo {0} caratteri.", JourneyShareLink.MaxLabel);
        }

        if (days is not (>= 1 and <= MaxDays))
        {
            errors.Add("Days", "Il link vale da 1 a {0} giorni.", MaxDays);
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        var token = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        db.Add(new JourneyShareLink
        {
            Id = Ids.New(), JourneyId = journeyId, TokenHash = Hash(token), Label = text, CreatedById = tenant.UserId ?? Guid.Empty,
            CreatedAt = now, ExpiresAt = now.AddDays(days!.Value),
        });
        await db.SaveChangesAsync(ct);
        return (token, errors);
    }

    /// <summary>Revokes a link of the journey at once; false when there is no such link.</summary>
    public async Task<bool> RevokeAsync(Guid journeyId, Guid linkId, CancellationToken ct = default)
    {
        var link = await db.Set<JourneyShareLink>().FirstOrDefaultAsync(l => l.Id == linkId && l.JourneyId == journeyId, ct);
        if (link is null)
        {
            return false;
        }

        link.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    public ShareState StateOf(JourneyShareLink link) =>
        link.RevokedAt is not null ? ShareState.Revoked : link.ExpiresAt <= clock.GetUtcNow() ? ShareState.Expired : ShareState.Open;

    /// <summary>
    /// The map behind a token, read inside the link's organization as nobody in particular. A token of the wrong shape
    /// or unknown is <see cref="ShareState.Unknown"/>; an expired or revoked one says so, and shows nothing.
    /// </summary>
    /// <param name="from">The period asked for (dal, al), as the map page reads it; the last 30 days when missing.</param>
    public async Task<(ShareState State, JourneyMapView? View)> OpenAsync(string token, string? from, string? to, CancellationToken ct = default)
    {
        if (token.Length != 43 || token.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_'))
        {
            return (ShareState.Unknown, null);
        }

        var hash = Hash(token);
        // Before any organization is known: the token is what finds it.
        var link = await db.Set<JourneyShareLink>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, ct);
        if (link is null)
        {
            return (ShareState.Unknown, null);
        }

        var state = StateOf(link);
        if (state != ShareState.Open)
        {
            return (state, null);
        }

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<OrganizationContext>().Set(link.OrganizationId, null, "Link condiviso", null);
        var reader = scope.ServiceProvider.GetRequiredService<JourneyMapReader>();
        var (first, last, _) = MapPeriod.Parse(from, to, await reader.TodayAsync(ct));
        var view = await reader.ReadAsync(link.JourneyId, first, last, ct);
        return view is null ? (ShareState.Unknown, null) : (ShareState.Open, view);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
}
