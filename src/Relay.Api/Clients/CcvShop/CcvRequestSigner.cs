using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Relay.Api.Clients.CcvShop;

/// <summary>
/// CCV Shop request signing (ccvshop-api.md §1.1–§1.3): lowercase hex HMAC-SHA512 with the secret over
/// "public|METHOD|path+query as sent|body as sent|x-date". Kept apart from the simulator's copy on purpose:
/// both are checked against the reference test vectors (§1.6).
/// </summary>
public static class CcvRequestSigner
{
    public static string Hash(string secret, string publicKey, string method, string pathAndQuery, string body, string xDate) =>
        Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes(string.Join('|', publicKey, method.ToUpperInvariant(), pathAndQuery, body, xDate))));

    /// <summary>The recommended format (§1.3): seconds precision with Z.</summary>
    public static string Date(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
