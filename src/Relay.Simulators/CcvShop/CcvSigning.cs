using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Relay.Simulators.CcvShop;

/// <summary>CCV Shop's request and response signatures (ccvshop-api.md §1.1, §1.2, §1.5).</summary>
public static class CcvSigning
{
    public static string Hash(string secret, string publicKey, string method, string pathAndQuery, string body, string xDate) =>
        Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes($"{publicKey}|{method.ToUpperInvariant()}|{pathAndQuery}|{body}|{xDate}")));

    public static string FormatDate(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Lenient, as the real server must be: every client in §1.3 works, including PHP's "c" and ISO8601
    /// formats, milliseconds, and even unpadded fields (S9).
    /// </summary>
    public static bool TryParseDate(string value, out DateTimeOffset at)
    {
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at)) return true;
        string[] formats = ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:sszz00", "yyyy-M-d'T'H:m:s'Z'", "yyyy-MM-dd'T'HH:mm:ssK"];
        var normalised = value.EndsWith("+0000", StringComparison.Ordinal) ? value[..^5] + "+00:00" : value;
        return DateTimeOffset.TryParseExact(normalised, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);
    }
}
