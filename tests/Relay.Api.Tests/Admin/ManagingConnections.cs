using System.Text.Json;
using Alba;
using Relay.Api.Features.Connections;
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
            s.Post.Json(new { id = "Bad Id!", name = "", ccvShop = new { baseUrl = "not a url", publicKey = "p" } }).ToUrl("/api/connections");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(400);
            s.ContentTypeShouldBe("application/problem+json");
        });

        var errors = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["Id", "Name", "CcvShop.BaseUrl", "CcvShop.SecretKey"], ignoreOrder: true);
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
