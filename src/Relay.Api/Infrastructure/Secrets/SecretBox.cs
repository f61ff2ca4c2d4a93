using System.Security.Cryptography;
using System.Text;
using Relay.Api.Infrastructure.Database;

namespace Relay.Api.Infrastructure.Secrets;

/// <summary>
/// Seals credentials before they are stored (AES-256-GCM), with a key that is never in the database:
/// Relay:Secrets:Key (base64, 32 bytes) from configuration or the environment, else a key file Relay
/// makes on first start, readable only by its user (Relay:Secrets:KeyFile).
/// </summary>
public sealed class SecretBox
{
    private const string Version = "v1:";
    private readonly byte[] _key;

    public SecretBox(byte[] key)
    {
        if (key.Length != 32) throw new ArgumentException("The secrets key is 32 bytes (base64 of 32 random bytes).", nameof(key));
        _key = key;
    }

    public static SecretBox FromConfiguration(IConfiguration configuration)
    {
        if (configuration["Relay:Secrets:Key"] is { Length: > 0 } configured)
        {
            try
            {
                return new SecretBox(Convert.FromBase64String(configured));
            }
            catch (FormatException)
            {
                throw new InvalidOperationException("Relay:Secrets:Key is not base64 (make one with: openssl rand -base64 32).");
            }
        }
        var file = configuration["Relay:Secrets:KeyFile"]
                   ?? Path.Combine(EmbeddedPostgresOptions.StateDirectory(configuration), "secrets-key");
        return new SecretBox(Convert.FromBase64String(KeyFile.ReadOrCreate(file, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))));
    }

    public string Seal(string plain)
    {
        var data = Encoding.UTF8.GetBytes(plain);
        var sealedBytes = new byte[12 + data.Length + 16];
        var nonce = sealedBytes.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(nonce, data, sealedBytes.AsSpan(12, data.Length), sealedBytes.AsSpan(12 + data.Length));
        return Version + Convert.ToBase64String(sealedBytes);
    }

    public string Open(string stored)
    {
        // Stored by a Relay from before sealing: read as it is, and sealed the next time its document is saved.
        if (!stored.StartsWith(Version, StringComparison.Ordinal)) return stored;
        var sealedBytes = Convert.FromBase64String(stored[Version.Length..]);
        var length = sealedBytes.Length - 28;
        var plain = new byte[length];
        using var aes = new AesGcm(_key, 16);
        try
        {
            aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(12, length), sealedBytes.AsSpan(12 + length), plain);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new CryptographicException("A stored credential was sealed with another key: Relay:Secrets:Key is not the one it was stored with.", e);
        }
        return Encoding.UTF8.GetString(plain);
    }
}
