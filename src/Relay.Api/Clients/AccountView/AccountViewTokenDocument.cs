using Relay.Api.Infrastructure.Secrets;

namespace Relay.Api.Clients.AccountView;

/// <summary>
/// The newest tokens of one connection. Refresh tokens rotate (§1.2): losing the newest one breaks the
/// connection, so it is stored before it is used, and guarded by optimistic concurrency across replicas.
/// </summary>
public sealed class AccountViewTokenDocument
{
    public required string Id { get; init; } // the connection id
    [Sealed] public string? AccessToken { get; set; }
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }
    [Sealed] public required string RefreshToken { get; set; }
    public string? Scope { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
