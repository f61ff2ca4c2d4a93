namespace Relay.Api.Features.Tenants;

/// <summary>An agency or a merchant: owns connections, and the API keys that may see them.</summary>
public sealed class TenantDocument
{
    /// <summary>The tenant connections made with the bootstrap key belong to when none is named.</summary>
    public const string DefaultId = "default";

    public required string Id { get; init; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The alert channels and rules of the tenant's connections that have none of their own.</summary>
    public Alerts.AlertSetup? Alerts { get; set; }
}
