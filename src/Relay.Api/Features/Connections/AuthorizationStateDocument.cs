namespace Relay.Api.Features.Connections;

/// <summary>An AccountView authorisation under way: the state sent along (CSRF protection) and what it was for.</summary>
public sealed class AuthorizationStateDocument
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>The state value itself: unguessable, used once.</summary>
    public required string Id { get; init; }
    public required string ConnectionId { get; init; }
    public required string RedirectUri { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
}
