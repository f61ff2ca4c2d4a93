using Mapster;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Tenants;
using Relay.Api.Infrastructure.Http;
using Relay.Api.Infrastructure.Secrets;

namespace Relay.Api.Tests.Admin;

/// <summary>The Mapster configuration compiles (every mapping explicit and complete), and views carry no secret.</summary>
public sealed class MappingDocumentsToViews
{
    [Fact]
    public void The_mapping_configuration_compiles() => Should.NotThrow(() => ApiMapping.Config.Compile());

    [Fact]
    public void A_connection_view_says_whether_secrets_are_set_and_never_what_they_are()
    {
        var connection = new ConnectionDocument
        {
            Id = "shop-1", Name = "Shop", WebhookSecret = "hook-secret-value", TenantId = "agency-a",
            CcvShop = new CcvShopCredentials { BaseUrl = "https://shop.example", PublicKey = "public", SecretKey = "ccv-secret-value" },
            AccountView = new AccountViewCredentials { BaseUrl = "https://av.example", ClientId = "client", ClientSecret = "av-secret-value" },
            WebhookSignature = new WebhookSignatureSettings { Key = "signature-key-value" },
        };

        var view = connection.ToResponse();

        view.TenantId.ShouldBe("agency-a");
        view.CcvShop.HasSecretKey.ShouldBeTrue();
        view.AccountView!.HasClientSecret.ShouldBeTrue();
        view.WebhookSignature.HasKey.ShouldBeTrue();
        var json = System.Text.Json.JsonSerializer.Serialize(view);
        foreach (var secret in new[] { "hook-secret-value", "ccv-secret-value", "av-secret-value", "signature-key-value" }) json.ShouldNotContain(secret);
    }

    [Fact]
    public void A_key_view_has_no_hash()
    {
        var key = new ApiKeyDocument { Id = "k1", TenantId = "t", Name = "ci", Prefix = "rly_12345678", Hash = "abcdef0123456789" };

        System.Text.Json.JsonSerializer.Serialize(key.ToResponse()).ShouldNotContain("abcdef0123456789");
    }

    [Fact]
    public void A_sealed_secret_opens_only_with_its_own_key()
    {
        var box = new SecretBox(new byte[32]);
        var other = new SecretBox(Enumerable.Repeat((byte)1, 32).ToArray());

        var stored = box.Seal("ccv-secret-value");

        stored.ShouldNotContain("ccv-secret-value");
        box.Seal("ccv-secret-value").ShouldNotBe(stored); // a fresh nonce every time
        box.Open(stored).ShouldBe("ccv-secret-value");
        Should.Throw<System.Security.Cryptography.CryptographicException>(() => other.Open(stored)).Message.ShouldContain("Relay:Secrets:Key");
    }
}
