using Mapster;

namespace Relay.Api.Features.Connections;

/// <summary>Stored connection → API view. Secrets map to "is it set" flags and nothing else.</summary>
public static class ConnectionMapping
{
    public static TypeAdapterConfig Config { get; } = Create();

    private static TypeAdapterConfig Create()
    {
        var config = new TypeAdapterConfig();
        config.NewConfig<CcvShopCredentials, CcvShopCredentialsResponse>()
            .Map(d => d.HasSecretKey, s => !string.IsNullOrEmpty(s.SecretKey));
        config.NewConfig<AccountViewCredentials, AccountViewCredentialsResponse>()
            .Map(d => d.HasClientSecret, s => !string.IsNullOrEmpty(s.ClientSecret));
        config.NewConfig<WebhookSignatureSettings, WebhookSignatureResponse>()
            .Map(d => d.HasKey, s => !string.IsNullOrEmpty(s.Key));
        config.NewConfig<ConnectionDocument, ConnectionResponse>()
            .Map(d => d.Orders, s => s.Orders ?? new Relay.Domain.Orders.OrderFlowSettings());
        return config;
    }

    public static ConnectionResponse ToResponse(this ConnectionDocument connection) =>
        connection.Adapt<ConnectionResponse>(Config);
}
