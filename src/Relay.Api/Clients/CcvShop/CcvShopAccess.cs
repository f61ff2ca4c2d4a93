namespace Relay.Api.Clients.CcvShop;

/// <summary>What the client needs to reach one shop: its root URL (the API is under /api/rest/v1) and the key pair.</summary>
public sealed record CcvShopAccess(string BaseUrl, string PublicKey, string SecretKey)
{
    /// <summary>One shop, for the rate limiter and the circuit breaker.</summary>
    public string ShopKey => $"{new Uri(BaseUrl).GetLeftPart(UriPartial.Path).TrimEnd('/')}|{PublicKey}";

    public override string ToString() => $"CcvShopAccess {{ BaseUrl = {BaseUrl}, PublicKey = {PublicKey} }}"; // never the secret
}
