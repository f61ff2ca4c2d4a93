using System.ComponentModel.DataAnnotations;
using Relay.Domain.Orders;

namespace Relay.Api.Features.Connections;

public sealed record CreateConnectionRequest(
    [property: RegularExpression("^[a-z0-9][a-z0-9-]{2,39}$", ErrorMessage = "The id is 3 to 40 lower-case letters, digits or dashes.")]
    string? Id = null,
    [property: Required, StringLength(100, MinimumLength = 1)] string Name = "",
    [property: Required] CcvShopCredentialsRequest CcvShop = null!,
    AccountViewCredentialsRequest? AccountView = null,
    WebhookSignatureRequest? WebhookSignature = null,
    OrderFlowSettings? Orders = null,
    [property: RegularExpression("^[a-z0-9][a-z0-9-]{2,39}$", ErrorMessage = "A tenant id is 3 to 40 lower-case letters, digits or dashes.")]
    string? TenantId = null);

/// <summary>A change of a connection: only what is given changes; credentials are replaced as a whole.</summary>
public sealed record UpdateConnectionRequest(
    [property: StringLength(100, MinimumLength = 1)] string? Name = null,
    CcvShopCredentialsRequest? CcvShop = null,
    AccountViewCredentialsRequest? AccountView = null,
    WebhookSignatureRequest? WebhookSignature = null);

public sealed record CcvShopCredentialsRequest(
    [property: Required, Url] string BaseUrl,
    [property: Required, StringLength(200, MinimumLength = 1)] string PublicKey,
    [property: Required, StringLength(200, MinimumLength = 1)] string SecretKey)
{
    public CcvShopCredentials ToStored() => new() { BaseUrl = BaseUrl.TrimEnd('/'), PublicKey = PublicKey, SecretKey = SecretKey };
}

public sealed record AccountViewCredentialsRequest(
    [property: Required, Url] string BaseUrl,
    [property: Required, StringLength(200, MinimumLength = 1)] string ClientId,
    [property: Required, StringLength(200, MinimumLength = 1)] string ClientSecret,
    [property: StringLength(100)] string? CompanyId = null,
    [property: StringLength(2000)] string? RefreshToken = null)
{
    public AccountViewCredentials ToStored() =>
        new() { BaseUrl = Clients.AccountView.AccountViewAccess.Root(BaseUrl), ClientId = ClientId,
            ClientSecret = ClientSecret, CompanyId = CompanyId };
}

public sealed record WebhookSignatureRequest(
    WebhookSignatureScheme Scheme,
    [property: StringLength(100, MinimumLength = 1)] string? Header = null,
    [property: StringLength(500)] string? Key = null)
{
    public WebhookSignatureSettings ToStored() => new() { Scheme = Scheme, Header = Header ?? "x-hash", Key = Key };
}

/// <summary>A connection as the API shows it: credentials are write-only, so only whether they are set.</summary>
public sealed record ConnectionResponse(
    string Id,
    string Name,
    string TenantId,
    CcvShopCredentialsResponse CcvShop,
    AccountViewCredentialsResponse? AccountView,
    WebhookSignatureResponse WebhookSignature,
    OrderFlowSettings Orders,
    Relay.Domain.Stock.StockFlowSettings? Stock,
    DateTimeOffset CreatedAt)
{
    /// <summary>What a save could not check: code lists this administration does not have. Empty otherwise.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

public sealed record CcvShopCredentialsResponse(string BaseUrl, string PublicKey, bool HasSecretKey);

public sealed record AccountViewCredentialsResponse(string BaseUrl, string ClientId, bool HasClientSecret, string? CompanyId);

public sealed record WebhookSignatureResponse(WebhookSignatureScheme Scheme, string Header, bool HasKey);

/// <summary>
/// Answer to a create: the only time the webhook address (with its secret) is shown. Register it at
/// CCV Shop as {WebhookAddress}/{event}, e.g. .../orders.created.
/// </summary>
public sealed record CreatedConnectionResponse(ConnectionResponse Connection, string WebhookAddress);
