using Mapster;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Tenants;

namespace Relay.Api.Infrastructure.Http;

/// <summary>Stored documents → API views (Mapster). Secrets map to "is it set" flags and nothing else; key hashes not at all.</summary>
public static class ApiMapping
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
            .Map(d => d.Orders, s => s.Orders ?? new Relay.Domain.Orders.OrderFlowSettings())
            .Ignore(d => d.Warnings);
        config.NewConfig<TenantDocument, TenantResponse>();
        config.NewConfig<ApiKeyDocument, ApiKeyResponse>();
        config.RequireDestinationMemberSource = true; // a view field without a source is an error at compile, not a silent default
        return config;
    }

    public static ConnectionResponse ToResponse(this ConnectionDocument connection) =>
        connection.Adapt<ConnectionResponse>(Config);

    public static TenantResponse ToResponse(this TenantDocument tenant) => tenant.Adapt<TenantResponse>(Config);

    public static ApiKeyResponse ToResponse(this ApiKeyDocument key) => key.Adapt<ApiKeyResponse>(Config);
}
