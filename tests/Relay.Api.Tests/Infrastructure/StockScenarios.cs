using System.Text.Json.Nodes;
using Alba;
using Marten;
using Relay.Api.Features.Stock;
using Relay.Domain.Stock;
using Relay.Domain.WorkItems;
using Relay.Simulators;
using Relay.Simulators.CcvShop;

namespace Relay.Api.Tests.Infrastructure;

/// <summary>The stock flow as a merchant sets it up, and the shop's side of it as the simulator holds it.</summary>
public static class StockScenarios
{
    public static async Task SetStockFlowAsync(this RelayFixture relay, StockFlowSettings settings, string connection = "shop-1")
    {
        await relay.Host.Scenario(s =>
        {
            s.Put.Json(settings).ToUrl($"/api/connections/{connection}/flows/stock");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(200);
        });
    }

    public static async Task<StockPollResult> PollStockAsync(this RelayFixture relay, bool full = false, string connection = "shop-1")
    {
        var result = await relay.Host.Scenario(s =>
        {
            s.Post.Url($"/api/connections/{connection}/flows/stock/poll{(full ? "?full=true" : "")}");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<StockPollResult>())!;
    }

    public static async Task<StockPollState?> StockPollStateAsync(this RelayFixture relay, string connection = "shop-1")
    {
        await using var session = relay.Store.QuerySession();
        return await session.LoadAsync<StockPollState>(connection);
    }

    /// <summary>Waits until nothing of the connection's stock is pending (every figure written or skipped).</summary>
    public static Task WaitForStockWritesAsync(this RelayFixture relay, string connection = "shop-1", int seconds = 30) =>
        Eventually.WaitAsync(() => relay.StockPending(connection) == 0, TimeSpan.FromSeconds(seconds), () =>
        {
            using var session = relay.Store.QuerySession();
            var pending = session.Query<StockItem>().Where(i => i.ConnectionId == connection && i.Pending).Take(5)
                .ToListAsync().GetAwaiter().GetResult();
            return $"stock writes are still pending: {relay.StockPending(connection)}; {string.Join("; ", pending)}";
        });

    /// <summary>The connection's figures waiting to be written (what the stock lane has still to do).</summary>
    public static int StockPending(this RelayFixture relay, string connection = "shop-1")
    {
        using var session = relay.Store.QuerySession();
        return session.Query<StockItem>().CountAsync(i => i.ConnectionId == connection && i.Pending)
            .GetAwaiter().GetResult();
    }

    public static async Task<IReadOnlyList<object>> StockEventsAsync(this RelayFixture relay, string sku, string connection = "shop-1")
    {
        await using var session = relay.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(WorkKey.ForStock(connection, sku).ToString()))
            .Select(e => e.Data).ToList();
    }

    /// <summary>The shop's product or variant for a SKU, as the simulated shop holds it.</summary>
    public static (string Resource, JsonObject Item) ShopItem(this RelayFixture relay, string sku)
    {
        var store = relay.Simulators.CcvShop.Store;
        lock (store.Gate)
        {
            var variant = store["attributecombinations"].Values.FirstOrDefault(c => c["sku_number"]?.ToString() == sku);
            if (variant is not null) return ("attributecombinations", (JsonObject)variant.DeepClone());
            var product = store["products"].Values.First(p => p["productnumber"]?.ToString() == sku);
            return ("products", (JsonObject)product.DeepClone());
        }
    }

    public static decimal ShopStock(this RelayFixture relay, string sku) => relay.ShopItem(sku).Item["stock"].Dec();

    /// <summary>The shop's stock writes: which product or variant was written, in order.</summary>
    public static List<StockWrite> StockWrites(this RelayFixture relay)
    {
        lock (relay.Simulators.CcvShop.StockWrites) return [.. relay.Simulators.CcvShop.StockWrites];
    }

    public static decimal ShelfStock(this RelayFixture relay, string sku) =>
        relay.Simulators.AccountView.Rows("ARTICLE").First(a => a["ART_CODE"]?.ToString() == sku)["QTY_TECH"].Dec();
}
