using System.Text.Json.Nodes;
using Alba;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Tenants;
using Relay.Api.Features.WorkItems;
using Relay.Api.Tests.Infrastructure;

namespace Relay.Api.Tests.Admin;

/// <summary>Tenants and API keys: a key sees only its own tenant's connections, work and settings.</summary>
[Collection(RelayCollection.Name)]
public sealed class KeepingTenantsApart(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private const string Item = "ccv:a-shop:order:1";

    /// <summary>Every route that names a connection or a work item, as another tenant would call it.</summary>
    public static TheoryData<string, string> ForeignRoutes => new()
    {
        { "GET", "/api/connections/a-shop" },
        { "PATCH", "/api/connections/a-shop" },
        { "DELETE", "/api/connections/a-shop" },
        { "POST", "/api/connections/a-shop/verify" },
        { "POST", "/api/connections/a-shop/reconcile" },
        { "GET", "/api/connections/a-shop/stats" },
        { "GET", "/api/connections/a-shop/settings" },
        { "GET", "/api/connections/a-shop/settings/history" },
        { "POST", "/api/connections/a-shop/settings/history/1/restore" },
        { "PUT", "/api/connections/a-shop/flows/orders" },
        { "PUT", "/api/connections/a-shop/flows/orders/enabled" },
        { "PUT", "/api/connections/a-shop/flows/stock" },
        { "GET", "/api/connections/a-shop/flows/stock/status" },
        { "GET", "/api/connections/a-shop/mappings" },
        { "PUT", "/api/connections/a-shop/mappings" },
        { "POST", "/api/connections/a-shop/accountview/authorize" },
        { "GET", "/api/connections/a-shop/webhooks" },
        { "GET", "/api/connections/a-shop/lookups/ccvshop/orderStatuses" },
        { "GET", $"/api/work-items/{Item}" },
        { "GET", $"/api/work-items/{Item}/events" },
        { "POST", $"/api/work-items/{Item}/replay" },
        { "POST", $"/api/work-items/{Item}/replay?dryRun=true" },
    };

    [Theory]
    [MemberData(nameof(ForeignRoutes))]
    public async Task Another_tenants_connection_work_and_settings_answer_404_and_change_nothing(string method, string url)
    {
        var (_, keyB) = await TwoTenantsWithAConnectionOfAAsync();
        object? body = method switch
        {
            "PUT" when url.EndsWith("/enabled", StringComparison.Ordinal) => new { enabled = false },
            "PUT" when url.EndsWith("/mappings", StringComparison.Ordinal) => Array.Empty<object>(),
            "PUT" when url.EndsWith("/stock", StringComparison.Ordinal) => new Relay.Domain.Stock.StockFlowSettings(),
            "PUT" => new Relay.Domain.Orders.OrderFlowSettings(),
            _ => null,
        };

        var answer = await relay.Host.CallAsync(method, url, keyB, 404, body);

        answer.Context.Response.ContentType.ShouldBe("application/problem+json");
        var connection = await relay.Host.GetAdminAsync<ConnectionResponse>("/api/connections/a-shop");
        connection.TenantId.ShouldBe("agency-a");
        (await relay.Host.GetAdminAsync<WorkItemResponse>($"/api/work-items/{Item}")).Status.ShouldBe(Relay.Domain.WorkItems.WorkStatus.Received);
        (await relay.Host.GetAdminAsync<JsonArray>("/api/connections/a-shop/settings/history")).Count.ShouldBe(1, "only the creation");
    }

    [Fact]
    public async Task Lists_and_bulk_replay_hold_only_the_keys_own_tenant()
    {
        var (keyA, keyB) = await TwoTenantsWithAConnectionOfAAsync();

        (await ReadAsync<List<ConnectionResponse>>("/api/connections", keyB)).ShouldBeEmpty();
        (await ReadAsync<WorkItemPage>("/api/work-items", keyB)).Total.ShouldBe(0);
        (await ReadAsync<WorkItemPage>("/api/work-items?connectionId=a-shop", keyB)).Total.ShouldBe(0);
        var replayB = await relay.Host.CallAsync("POST", "/api/work-items/replay", keyB, 202, new WorkItemFilter(null, null, null, null, null, All: true));
        (await replayB.ReadAsJsonAsync<ReplayAnswer>())!.Queued.ShouldBe(0);

        (await ReadAsync<List<ConnectionResponse>>("/api/connections", keyA)).Select(c => c.Id).ShouldBe(["a-shop"]);
        (await ReadAsync<WorkItemPage>("/api/work-items", keyA)).Total.ShouldBe(1);
        var tenants = await ReadAsync<List<TenantResponse>>("/api/tenants", keyA);
        tenants.Select(t => t.Id).ShouldBe(["agency-a"]);
        await relay.Host.CallAsync("GET", "/api/tenants/agency-b", keyA, 404);
        await relay.Host.CallAsync("GET", "/api/tenants/agency-b/keys", keyA, 404);
        await relay.Host.CallAsync("POST", "/api/tenants", keyA, 403, new CreateTenantRequest("agency-c", "C"));
    }

    [Fact]
    public async Task A_key_is_shown_once_listed_by_prefix_with_its_last_use_and_401_once_revoked()
    {
        await relay.Host.CreateTenantWithKeyAsync("agency-a");
        var created = await relay.Host.CreateKeyAsync("agency-a", RelayFixture.AdminKey);
        await relay.Host.CallAsync("GET", "/api/connections", created.Key, 200);

        var listing = await relay.Host.CallAsync("GET", "/api/tenants/agency-a/keys", RelayFixture.AdminKey, 200);
        var text = await listing.ReadAsTextAsync();
        text.ShouldNotContain(created.Key);
        var keys = (await listing.ReadAsJsonAsync<List<ApiKeyResponse>>())!;
        var listed = keys.Single(k => k.Id == created.ApiKey.Id);
        listed.Prefix.ShouldBe(created.Key[..12]);
        listed.LastUsedAt.ShouldNotBeNull();
        listed.RevokedAt.ShouldBeNull();

        await relay.Host.CallAsync("DELETE", $"/api/tenants/agency-a/keys/{created.ApiKey.Id}", created.Key, 204);

        var refused = await relay.Host.CallAsync("GET", "/api/connections", created.Key, 401);
        refused.Context.Response.ContentType.ShouldBe("application/problem+json");
        (await ReadAsync<List<ApiKeyResponse>>("/api/tenants/agency-a/keys", RelayFixture.AdminKey))
            .Single(k => k.Id == created.ApiKey.Id).RevokedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_tenant_key_cannot_create_a_connection_for_another_tenant()
    {
        var keyA = await relay.Host.CreateTenantWithKeyAsync("agency-a");
        await relay.Host.CreateTenantWithKeyAsync("agency-b");

        var answer = await relay.Host.Scenario(s =>
        {
            s.Post.Json(new CreateConnectionRequest("b-shop", "B", new CcvShopCredentialsRequest("http://127.0.0.1:9/shop", "p", "s"), null, null,
                new Relay.Domain.Orders.OrderFlowSettings { Enabled = false }, TenantId: "agency-b")).ToUrl("/api/connections");
            s.WithRequestHeader("X-Api-Key", keyA);
            s.StatusCodeShouldBe(400);
        });

        (await answer.ReadAsTextAsync()).ShouldContain("tenantId");
        await relay.Host.CallAsync("GET", "/api/connections/b-shop", RelayFixture.AdminKey, 404);
    }

    private async Task<(string KeyA, string KeyB)> TwoTenantsWithAConnectionOfAAsync()
    {
        var keyA = await relay.Host.CreateTenantWithKeyAsync("agency-a");
        var keyB = await relay.Host.CreateTenantWithKeyAsync("agency-b");
        var connection = await relay.Host.CreateConnectionAsync("a-shop", apiKey: keyA);
        connection.Connection.TenantId.ShouldBe("agency-a");
        (await relay.Host.PostWebhookAsync(connection.WebhookPath("orders.created"), RelayScenarios.OrderDelivery(1))).IsSuccessStatusCode.ShouldBeTrue();
        return (keyA, keyB);
    }

    private async Task<T> ReadAsync<T>(string url, string key) => (await (await relay.Host.CallAsync("GET", url, key, 200)).ReadAsJsonAsync<T>())!;
}
