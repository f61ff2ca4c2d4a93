using System.Text.Json;
using Alba;
using Relay.Api.Features.Connections;
using Relay.Domain.Orders;
using Relay.Api.Tests.Infrastructure;

namespace Relay.Api.Tests.Admin;

[Collection(RelayCollection.Name)]
public sealed class ManagingConnections(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Created_connection_is_listed_and_readable_without_its_secrets()
    {
        var created = await relay.Host.CreateConnectionAsync("shop-a");
        created.WebhookAddress.ShouldStartWith("http://relay.test/webhooks/ccvshop/shop-a/");

        var one = await relay.Host.Scenario(s =>
        {
            s.Get.Url("/api/connections/shop-a");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
        });
        var list = await relay.Host.Scenario(s =>
        {
            s.Get.Url("/api/connections");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
        });

        var connection = await one.ReadAsJsonAsync<ConnectionResponse>();
        connection!.CcvShop.HasSecretKey.ShouldBeTrue();
        connection.AccountView!.HasClientSecret.ShouldBeTrue();
        connection.AccountView.CompanyId.ShouldBe("company-1");
        var secret = created.WebhookAddress.Split('/').Last();
        foreach (var text in new[] { await one.ReadAsTextAsync(), await list.ReadAsTextAsync() })
        {
            text.ShouldContain("shop-a");
            text.ShouldNotContain("ccv-secret-value");
            text.ShouldNotContain("av-secret-value");
            text.ShouldNotContain(secret);
        }
    }

    [Fact]
    public async Task Invalid_connection_is_refused_naming_each_field_and_nothing_is_stored()
    {
        var result = await relay.Host.Scenario(s =>
        {
            s.Post.Json(new { id = "Bad Id!", name = "", ccvShop = new { baseUrl = "not a url", publicKey = "p", secretKey = "" } }).ToUrl("/api/connections");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(400);
            s.ContentTypeShouldBe("application/problem+json");
        });

        var errors = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["id", "name", "ccvShop.baseUrl", "ccvShop.secretKey"], ignoreOrder: true);
        // A member left out is refused as the body is read, naming it by its JSON path.
        var missing = await relay.Host.CallAsync("POST", "/api/connections", RelayFixture.AdminKey, 400,
            new { id = "shop-x", name = "Shop", ccvShop = new { baseUrl = "https://shop.example", publicKey = "p" } });
        JsonDocument.Parse(await missing.ReadAsTextAsync()).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .ShouldBe(["ccvShop.secretKey"]);
        var list = await relay.Host.GetAdminAsync<List<ConnectionResponse>>("/api/connections");
        list.ShouldBeEmpty();
    }

    [Fact]
    public async Task Second_connection_with_the_same_id_is_a_conflict()
    {
        await relay.Host.CreateConnectionAsync("shop-a");

        await relay.Host.Scenario(s =>
        {
            s.Post.Json(new CreateConnectionRequest("shop-a", "Again", new CcvShopCredentialsRequest("http://127.0.0.1:9/x", "p", "s"), null, null))
                .ToUrl("/api/connections");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(409);
            s.ContentTypeShouldBe("application/problem+json");
        });
    }

    [Fact]
    public async Task Unusable_order_settings_are_refused_naming_the_field_and_change_nothing()
    {
        await relay.Host.CreateConnectionAsync("shop-a");

        var put = await relay.Host.Scenario(s =>
        {
            s.Put.Json(new OrderFlowSettings { ReconciliationMinutes = 0, VatCodes = [new("NL", 21, "")] }).ToUrl("/api/connections/shop-a/flows/orders");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(400);
            s.ContentTypeShouldBe("application/problem+json");
        });
        await relay.Host.Scenario(s =>
        {
            s.Post.Json(new CreateConnectionRequest("shop-b", "B", new CcvShopCredentialsRequest("http://127.0.0.1:9/x", "p", "s"), null, null,
                new OrderFlowSettings { HomeCountry = "Nederland" })).ToUrl("/api/connections");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(400);
        });

        JsonDocument.Parse(await put.ReadAsTextAsync()).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .ShouldBe(["reconciliationMinutes", "vatCodes[0].code"], ignoreOrder: true);
        var stored = await relay.Host.GetAdminAsync<ConnectionResponse>("/api/connections/shop-a");
        stored.Orders.Enabled.ShouldBeFalse(); // as created, unchanged
        stored.Orders.ReconciliationMinutes.ShouldBe(5);
        (await relay.Host.GetAdminAsync<List<ConnectionResponse>>("/api/connections")).Select(c => c.Id).ShouldBe(["shop-a"]);
    }

    [Fact]
    public async Task Unknown_connection_is_404()
    {
        await relay.Host.Scenario(s =>
        {
            s.Get.Url("/api/connections/nope");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(404);
            s.ContentTypeShouldBe("application/problem+json");
        });
    }
}
