using System.Security.Claims;
using Marten;
using Relay.Api.Features.Connections;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.Tenants;

/// <summary>
/// Who is calling: the bootstrap key (the operator, who sees every tenant) or a tenant's key, which sees
/// only its own tenant. Anything outside the caller's tenant is answered as if it did not exist (404).
/// </summary>
public static class Caller
{
    public const string TenantClaim = "relay:tenant";
    public const string OperatorRole = "operator";
    public const string OperatorPolicy = "operator";

    /// <summary>The caller's tenant, or null for the operator.</summary>
    public static string? TenantId(this ClaimsPrincipal user) => user.IsInRole(OperatorRole) ? null : user.FindFirstValue(TenantClaim);

    public static bool Sees(this ClaimsPrincipal user, string tenantId) => user.TenantId() is not { } own || own == tenantId;

    /// <summary>
    /// The connection, if it exists and the caller may see it. Loaded to be changed under an If-Match, it must
    /// still be at
    /// that version (<see cref="ConnectionVersions"/>): otherwise the request ends with a 412.
    /// </summary>
    public static async Task<ConnectionDocument?> LoadConnectionAsync(this IQuerySession session,
        ClaimsPrincipal user, string id, CancellationToken ct)
    {
        if (await session.LoadAsync<ConnectionDocument>(id, ct) is not { } connection
            || !user.Sees(connection.TenantId)) return null;
        if (session is IDocumentSession && !await ConnectionVersions.StillExpectedAsync(session, connection, ct))
            throw ConnectionVersions.StaleException();
        return connection;
    }

    /// <summary>The ids of the connections the caller may see; null when it sees all.</summary>
    public static async Task<IReadOnlyList<string>?> VisibleConnectionIdsAsync(this IQuerySession session, ClaimsPrincipal user, CancellationToken ct) =>
        user.TenantId() is { } tenant
            ? await session.Query<ConnectionDocument>().Where(c => c.TenantId == tenant).Select(c => c.Id).ToListAsync(ct)
            : null;

    /// <summary>Whether the caller may see the connection a work key belongs to.</summary>
    public static async Task<bool> SeesWorkAsync(this IQuerySession session, ClaimsPrincipal user, string key, CancellationToken ct) =>
        user.TenantId() is null
        || (WorkKey.TryParse(key, out var parsed)
            && await session.LoadConnectionAsync(user, parsed.ConnectionId, ct) is not null);
}
