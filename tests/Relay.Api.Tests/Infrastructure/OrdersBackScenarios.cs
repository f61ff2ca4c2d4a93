using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Connections;
using Relay.Api.Features.OrderStatus;
using Relay.Domain.WorkItems;
using Relay.Simulators.AccountView;

namespace Relay.Api.Tests.Infrastructure;

/// <summary>The flows back to the shop as a merchant sets them up, and what the warehouse does in
/// AccountView.</summary>
public static class OrdersBackScenarios
{
    /// <returns>The answer's body.</returns>
    public static Task<string> SetOrderStatusFlowAsync(this RelayFixture relay, object settings,
        string connection = "shop-1", int status = 200) =>
        relay.PutAdminAsync($"/api/connections/{connection}/flows/orderStatus", settings, status);

    public static Task<string> SetOrdersFromAccountViewFlowAsync(this RelayFixture relay, object settings,
        string connection = "shop-1", int status = 200) =>
        relay.PutAdminAsync($"/api/connections/{connection}/flows/ordersFromAccountView", settings, status);

    public static async Task<SalesOrderPollResult> PollSalesOrdersAsync(this RelayFixture relay,
        string connection = "shop-1")
    {
        var result = await relay.Host.Scenario(s =>
        {
            s.Post.Url($"/api/connections/{connection}/salesorders/poll");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<SalesOrderPollResult>())!;
    }

    /// <summary>The warehouse or the bookkeeper changes a sales order in the simulated AccountView.</summary>
    public static async Task ChangeSalesOrderAsync(this RelayFixture relay, string number, SalesOrderStateChange change)
    {
        using var http = new HttpClient();
        (await http.PutAsJsonAsync($"{relay.Simulators.AccountViewUrl}/__control/salesorders/{number}/state", change))
            .EnsureSuccessStatusCode();
    }

    /// <summary>A sales order entered by hand in the simulated AccountView; its number.</summary>
    public static async Task<string> EnterSalesOrderAsync(this RelayFixture relay, EnteredSalesOrder order)
    {
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync($"{relay.Simulators.AccountViewUrl}/__control/salesorders", order);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<string>();
    }

    /// <summary>Registers a shop webhook for the connection (beyond the order events the scenarios register).</summary>
    public static async Task RegisterWebhookAsync(this RelayFixture relay, CreatedConnectionResponse connection,
        string @event)
    {
        var ccv = relay.Host.Services.GetRequiredService<CcvShopClient>();
        var shop = new CcvShopAccess(relay.Simulators.CcvShopUrl, "sandbox-public", "sandbox-secret");
        await ccv.RegisterWebhookAsync(shop, @event, $"{connection.WebhookAddress}/{@event}", default);
    }

    public static JsonObject ShopOrder(this RelayFixture relay, long id)
    {
        lock (relay.Simulators.CcvShop.Store.Gate)
            return (JsonObject)relay.Simulators.CcvShop.Store.Find("orders", id)!.DeepClone();
    }

    public static List<JsonObject> ShopOrders(this RelayFixture relay)
    {
        lock (relay.Simulators.CcvShop.Store.Gate)
            return [.. relay.Simulators.CcvShop.Store["orders"].Values.Select(o => (JsonObject)o.DeepClone())];
    }

    public static List<string> ShopOrderNotes(this RelayFixture relay, long id)
    {
        lock (relay.Simulators.CcvShop.Store.Gate)
            return [.. relay.Simulators.CcvShop.Store["ordernotes"].Values
                .Where(n => n["order_id"]!.GetValue<long>() == id)
                .Select(n => n["note"]!.GetValue<string>())];
    }

    public static async Task<WorkItem> WaitForWorkAsync(this RelayFixture relay, string key, Func<WorkItem, bool> done,
        string what, int seconds = 45)
    {
        WorkItem? item = null;
        await Eventually.WaitAsync(async () =>
        {
            await using var session = relay.Store.QuerySession();
            item = await session.LoadAsync<WorkItem>(key);
            return item is not null && done(item);
        }, TimeSpan.FromSeconds(seconds), () => $"{key} is {item?.Status.ToString() ?? "absent"} ({item?.LastError}), "
            + $"not {what}");
        return item!;
    }

    public static async Task<IReadOnlyList<object>> StreamAsync(this RelayFixture relay, string key)
    {
        await using var session = relay.Store.QuerySession();
        return [.. (await session.Events.FetchStreamAsync(key)).Select(e => e.Data)];
    }

    public static Task ReplayAsync(this RelayFixture relay, string key) =>
        relay.Host.CallAsync("POST", $"/api/work-items/{key}/replay", RelayFixture.AdminKey, 202);

    private static async Task<string> PutAdminAsync(this RelayFixture relay, string url, object body, int status) =>
        await (await relay.Host.Scenario(s =>
        {
            s.Put.Json(body).ToUrl(url);
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(status);
        })).ReadAsTextAsync();
}
