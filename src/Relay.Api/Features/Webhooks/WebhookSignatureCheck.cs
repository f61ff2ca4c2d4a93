using System.Security.Cryptography;
using System.Text;
using Relay.Api.Features.Connections;

namespace Relay.Api.Features.Webhooks;

/// <summary>The optional, per-connection HMAC check of a delivery (the scheme is an assumption, §3.4).</summary>
internal static class WebhookSignatureCheck
{
    public static bool IsValid(WebhookGate settings, HttpRequest request, byte[] body)
    {
        if (settings.Scheme == WebhookSignatureScheme.None) return true;
        if (string.IsNullOrEmpty(settings.SignatureKey)) return false;
        var presented = request.Headers[settings.Header].ToString();
        if (presented.Length == 0) return false;

        byte[] message = settings.Scheme switch
        {
            WebhookSignatureScheme.HmacSha512AddressAndBody =>
                [.. Encoding.UTF8.GetBytes($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}|"), .. body],
            _ => body,
        };
        var expected = HMACSHA512.HashData(Encoding.UTF8.GetBytes(settings.SignatureKey), message);
        byte[] actual;
        try
        {
            actual = Convert.FromHexString(presented);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
