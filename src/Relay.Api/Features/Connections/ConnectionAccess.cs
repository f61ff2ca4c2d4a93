using Relay.Api.Clients.AccountView;
using Relay.Api.Clients.CcvShop;

namespace Relay.Api.Features.Connections;

/// <summary>A stored connection's credentials as the clients take them.</summary>
public static class ConnectionAccess
{
    public static CcvShopAccess ShopAccess(this ConnectionDocument connection) =>
        new(connection.CcvShop.BaseUrl, connection.CcvShop.PublicKey, connection.CcvShop.SecretKey);

    public static AccountViewAccess? AccountViewAccess(this ConnectionDocument connection) =>
        connection.AccountView is { } av ? new(connection.Id, av.BaseUrl, av.ClientId, av.ClientSecret, av.CompanyId ?? "") : null;
}
