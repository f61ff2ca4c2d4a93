using System.ComponentModel.DataAnnotations;

namespace Relay.Api.Features.Tenants;

public sealed record CreateTenantRequest(
    [property: RegularExpression("^[a-z0-9][a-z0-9-]{2,39}$", ErrorMessage = "The id is 3 to 40 lower-case letters, digits or dashes.")]
    string? Id = null,
    [property: Required, StringLength(100, MinimumLength = 1)] string Name = "");

public sealed record TenantResponse(string Id, string Name, DateTimeOffset CreatedAt);

public sealed record CreateApiKeyRequest([property: Required, StringLength(100, MinimumLength = 1)] string Name);

/// <summary>A key as listed: never the key, only its prefix and use.</summary>
public sealed record ApiKeyResponse(string Id, string TenantId, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>The answer to creating a key: the only time the key itself is shown. Relay keeps only its hash.</summary>
public sealed record CreatedApiKeyResponse(ApiKeyResponse ApiKey, string Key);
