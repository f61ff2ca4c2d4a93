using System.Security.Cryptography;
using System.Text;

namespace Relay.Api.Features.Tenants;

/// <summary>A tenant's API key as stored: its SHA-256 hash and a recognisable prefix, never the key itself.</summary>
public sealed class ApiKeyDocument
{
    public required string Id { get; init; }
    public required string TenantId { get; init; }
    public required string Name { get; init; }

    /// <summary>The key's first characters, so a user can tell keys apart without the key.</summary>
    public required string Prefix { get; init; }
    public required string Hash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Keys carry 160 random bits, so a plain SHA-256 is a safe hash (no stretching needed).</summary>
    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static (string Key, string Prefix) NewKey()
    {
        var key = "rly_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        return (key, key[..12]);
    }
}
