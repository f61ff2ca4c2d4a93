using System.Text.Json.Nodes;
using Relay.Simulators.FaultInjection;

namespace Relay.Simulators.CcvShop;

/// <summary>One simulated CCV Shop: its data, limits, faults, journal and webhook sender.</summary>
public sealed class CcvShopSimulator : ISimulator, IAsyncDisposable
{
    public CcvShopSimulator(CcvShopOptions options, TimeProvider clock, HttpMessageHandler? webhookHandler = null)
    {
        Options = options;
        Clock = clock;
        Limiter = new CcvShopRateLimits(options, clock);
        Webhooks = new CcvWebhookDispatcher(options, Faults, webhookHandler);
        Reset();
    }

    public CcvShopOptions Options { get; }
    public TimeProvider Clock { get; }
    public CcvShopStore Store { get; private set; } = new();
    public CcvShopRateLimits Limiter { get; }
    public FaultState Faults { get; } = new();
    public RequestJournal Journal { get; } = new();
    public CcvWebhookDispatcher Webhooks { get; }

    /// <summary>Every stock write received, in order: what tests of the stock flow read back.</summary>
    public List<StockWrite> StockWrites { get; } = [];


    public void Reset()
    {
        var store = new CcvShopStore();
        if (!string.IsNullOrEmpty(Options.SeedFile))
            store.Load(JsonNode.Parse(File.ReadAllText(Options.SeedFile))!.AsObject());
        else
            CcvShopSeed.Fill(store, Options.SeedProducts, Options.SeedOrders, Clock.GetUtcNow());
        Store = store;
        lock (StockWrites) StockWrites.Clear();
        Limiter.Reset();
        Journal.Clear();
        Faults.Set(new FaultSettings());
    }

    public JsonObject Dump()
    {
        lock (Store.Gate) return Store.Dump();
    }

    /// <summary>A shopper places an order: stored, then orders.created fired. <paramref name="api"/> is the shop's
    /// API address (…/api/rest/v1), for the webhook's href.</summary>
    public (JsonObject? Order, string? Error) PlaceOrder(SimulatedOrder spec, string api)
    {
        JsonObject placed;
        lock (Store.Gate)
        {
            var (result, error) = CcvOrders.Place(Store, spec, Clock.GetUtcNow());
            if (result is null) return (null, error);
            placed = (JsonObject)result.DeepClone();
        }
        Fire("orders.created", CcvWebhookBodies.Order(placed, api, Clock.GetUtcNow()));
        return (placed, null);
    }

    /// <summary>Posts the summary to every active webhook registered for the event (§3.3).</summary>
    public void Fire(string @event, JsonObject summary)
    {
        List<(string Address, string Key)> targets;
        lock (Store.Gate)
        {
            targets = Store["webhooks"].Values
                .Where(w => w["event"]?.GetValue<string>() == @event && w["is_active"]?.GetValue<bool>() != false)
                .Select(w => (w["address"]!.GetValue<string>(), w["key"]!.GetValue<string>()))
                .ToList();
        }
        var body = summary.ToJsonString();
        foreach (var (address, key) in targets) Webhooks.Enqueue(address, key, @event, body);
    }

    public ValueTask DisposeAsync() => Webhooks.DisposeAsync();
}

public sealed record StockWrite(DateTimeOffset At, string Resource, long Id, decimal Stock);
