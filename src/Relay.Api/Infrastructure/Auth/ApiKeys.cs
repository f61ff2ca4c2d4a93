using System.Security.Claims;
using Marten;
using Marten.Patching;
using Relay.Api.Features.Tenants;

namespace Relay.Api.Infrastructure.Auth;

/// <summary>
/// Who a presented key is: the bootstrap key (the operator) or a tenant's key, looked up by its hash; a revoked
/// or unknown key is nobody. The X-Api-Key header and the dashboard's sign-in both ask here.
/// </summary>
public sealed class ApiKeys(AdminApiKey adminKey, IDocumentStore store, TimeProvider clock)
{
    /// <summary>The claim naming the stored key a tenant signed in with, so a revoked key's sign-in ends.</summary>
    public const string KeyIdClaim = "relay:key";

    /// <summary>Last use is written at most this often per key, not at every request.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<ClaimsIdentity?> IdentifyAsync(string presented, string scheme, CancellationToken ct)
    {
        if (adminKey.Matches(presented))
            return new ClaimsIdentity([new Claim(ClaimTypes.Name, "bootstrap"),
                new Claim(ClaimTypes.Role, Caller.OperatorRole)], scheme);

        var hash = ApiKeyDocument.HashOf(presented);
        await using var session = store.LightweightSession();
        var key = await session.Query<ApiKeyDocument>().FirstOrDefaultAsync(k => k.Hash == hash, ct);
        if (key is null || key.RevokedAt is not null) return null;

        var now = clock.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt >= LastUsedResolution)
        {
            session.Patch<ApiKeyDocument>(key.Id).Set(k => k.LastUsedAt, now);
            await session.SaveChangesAsync(ct);
        }
        return new ClaimsIdentity([new Claim(ClaimTypes.Name, key.Prefix), new Claim(Caller.TenantClaim, key.TenantId),
            new Claim(KeyIdClaim, key.Id)], scheme);
    }

    /// <summary>Whether a signed-in principal's key still holds: the operator's always, a tenant key until
    /// revoked.</summary>
    public async Task<bool> StillValidAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.IsInRole(Caller.OperatorRole)) return true;
        if (user.FindFirstValue(KeyIdClaim) is not { } id) return false;
        await using var session = store.QuerySession();
        return await session.LoadAsync<ApiKeyDocument>(id, ct) is { RevokedAt: null };
    }
}
