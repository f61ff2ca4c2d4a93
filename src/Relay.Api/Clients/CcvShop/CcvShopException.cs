namespace Relay.Api.Clients.CcvShop;

/// <summary>A CCV Shop answer that was not a success, with CCV's own code and message (§2.5).</summary>
public sealed class CcvShopException(int status, string code, string message) : Exception($"CCV Shop {status} {code}: {message}")
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string DeveloperMessage { get; } = message;
}
