using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Connections;
using Relay.Domain.Orders;
using Relay.Domain.WorkItems;
using Relay.Simulators.CcvShop;

namespace Relay.Api.Tests.Infrastructure;

/// <summary>Sets up a connection between the two simulators, as a merchant would, and waits on outcomes.</summary>
public static class OrderFlowScenarios
{
    public static readonly string[] OrderEvents = ["orders.created", "orders.updated.status", "orders.updated.ispaid"];

    /// <summary>A connection to the simulators with the given order settings, and its webhooks registered at the shop.</summary>
    /// <param name="company">The simulated AccountView company: <see cref="RelayFixture.Standard"/> unless said.</param>
    public static async Task<CreatedConnectionResponse> ConnectSimulatorsAsync(this RelayFixture relay, OrderFlowSettings? orders = null, string id = "shop-1",
        string? accountViewUrl = null, string company = "sandbox-company")
    {
        var result = await relay.Host.Scenario(s =>
        {
            s.Post.Json(new CreateConnectionRequest(id, "Sandbox shop",
                    new CcvShopCredentialsRequest(relay.Simulators.CcvShopUrl, "sandbox-public", "sandbox-secret"),
                    new AccountViewCredentialsRequest(accountViewUrl ?? relay.Simulators.AccountViewUrl, "sandbox-client", "sandbox-client-secret", company,
                        relay.Simulators.AccountView.Tokens.IssueRefreshToken()),
                    null, orders))
                .ToUrl("/api/connections");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(201);
        });
        var created = (await result.ReadAsJsonAsync<CreatedConnectionResponse>())!;
        var ccv = relay.Host.Services.GetRequiredService<CcvShopClient>();
        var shop = new CcvShopAccess(relay.Simulators.CcvShopUrl, "sandbox-public", "sandbox-secret");
        foreach (var @event in OrderEvents) await ccv.RegisterWebhookAsync(shop, @event, $"{created.WebhookAddress}/{@event}", default);
        return created;
    }

    /// <summary>Places an order in the simulated shop through its control API (fires orders.created).</summary>
    public static async Task<long> PlaceOrderAsync(this RelayFixture relay, SimulatedOrder order)
    {
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync($"{relay.Simulators.CcvShopUrl}/__control/orders", order);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return JsonNode.Parse(text)!["id"]!.GetValue<long>();
    }

    public static async Task MarkPaidAsync(this RelayFixture relay, long orderId)
    {
        using var http = new HttpClient();
        (await http.PatchAsJsonAsync($"{relay.Simulators.CcvShopUrl}/__control/orders/{orderId}", new { paid = true })).EnsureSuccessStatusCode();
    }

    /// <summary>Waits until the order's work item reaches a status (bounded; polls the store, no fixed sleep).</summary>
    public static async Task<WorkItem> WaitForOrderAsync(this RelayFixture relay, long orderId, WorkStatus status, string connection = "shop-1", int seconds = 45)
    {
        var key = WorkKey.ForShopEntity(connection, ShopEntity.Order, orderId.ToString()).ToString();
        WorkItem? item = null;
        await Eventually.WaitAsync(async () =>
        {
            await using var session = relay.Store.QuerySession();
            item = await session.LoadAsync<WorkItem>(key);
            return item?.Status == status;
        }, TimeSpan.FromSeconds(seconds), () => $"{key} is {item?.Status.ToString() ?? "absent"} ({item?.LastError}), not {status}");
        return item!;
    }

    public static async Task<IReadOnlyList<object>> EventsOfAsync(this RelayFixture relay, long orderId, string connection = "shop-1")
    {
        await using var session = relay.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(
            WorkKey.ForShopEntity(connection, ShopEntity.Order, orderId.ToString()).ToString());
        return events.Select(e => e.Data).ToList();
    }

    public static List<JsonObject> SalesOrdersFor(this RelayFixture relay, string reference, string? company = null) =>
        relay.Simulators.AccountView.Rows("SO_HDR", company).Where(o => o["COMMENT1"]?.ToString() == reference).ToList();

    public static List<JsonObject> LinesOf(this RelayFixture relay, JsonObject header, string? company = null) =>
        relay.Simulators.AccountView.Rows("SO_LINE", company).Where(l => l["ORD_NR"]?.ToString() == header["ORD_NR"]?.ToString()).ToList();
}
