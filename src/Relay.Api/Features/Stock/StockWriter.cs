using Marten;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Connections;
using Relay.Domain.Stock;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.Stock;

/// <summary>
/// Writes wanted stock figures to the shop, one connection's writes at a time, paced by the CCV client's
/// rate limiter (so no 429). Coalesced: a SKU in the queue is written once, with its newest figure.
/// Prioritised: transitions to or from zero first, then the largest changes (<see cref="StockWriteOrder"/>).
/// The queue is in memory; what it held when Relay stopped is still pending in the StockItem documents and
/// is queued again at the next poll (<see cref="EnqueuePendingAsync"/>), as are failed writes.
/// </summary>
public sealed class StockWriter(IDocumentStore store, CcvShopClient ccv, ShopSkuIndex shop, TimeProvider clock, ILogger<StockWriter> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue> _queues = [];

    /// <summary>Figures waiting per connection (for the status endpoint and the benchmark).</summary>
    public int Waiting(string connectionId)
    {
        lock (_gate) return _queues.TryGetValue(connectionId, out var q) ? q.Latest.Count : 0;
    }

    /// <summary>Queues every pending figure of the connection that is not queued yet.</summary>
    public async Task EnqueuePendingAsync(ConnectionDocument connection, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var pending = await query.Query<StockItem>().Where(i => i.ConnectionId == connection.Id && i.Pending).ToListAsync(ct);
        Enqueue(connection, pending.Select(i => (i.Sku, i.Wanted, i.Written)));
    }

    public void Enqueue(ConnectionDocument connection, IEnumerable<(string Sku, decimal Wanted, decimal? Written)> figures)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(connection.Id, out var queue)) _queues[connection.Id] = queue = new Queue();
            queue.Connection = connection;
            foreach (var (sku, wanted, written) in figures)
            {
                if (queue.Latest.TryGetValue(sku, out var latest) && latest == wanted) continue;
                queue.Latest[sku] = wanted;
                // A superseded entry stays in the heap and is passed over when it comes up.
                queue.Order.Enqueue((sku, wanted), StockWriteOrder.Priority(written ?? shop.KnownStock(connection.Id, sku), wanted));
            }
            if (queue.Latest.Count > 0 && queue.Running is null)
                queue.Running = Task.Run(() => DrainAsync(queue));
        }
    }

    /// <summary>
    /// Drops the queued figures of one connection (or all), e.g. when its stock flow is switched off, and
    /// waits for the write under way. What was dropped stays pending in the database.
    /// </summary>
    public async Task DropAsync(string? connectionId = null)
    {
        List<Task> running = [];
        lock (_gate)
        {
            foreach (var (id, queue) in _queues)
            {
                if (connectionId is not null && id != connectionId) continue;
                queue.Latest.Clear();
                queue.Order.Clear();
                if (queue.Running is { } task) running.Add(task);
            }
        }
        await Task.WhenAll(running);
    }

    private async Task DrainAsync(Queue queue)
    {
        while (true)
        {
            string sku;
            decimal wanted;
            ConnectionDocument connection;
            lock (_gate)
            {
                if (!Next(queue, out sku, out wanted))
                {
                    queue.Running = null; // under the lock: the next Enqueue starts a new drain
                    return;
                }
                connection = queue.Connection;
            }
            try
            {
                await WriteAsync(connection, sku, wanted, CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Stock write for {Connection} could not be recorded; it is queued again at the next poll", connection.Id);
            }
            lock (_gate)
            {
                // Taken off only now: a newer figure that came in meanwhile stays queued.
                if (queue.Latest.TryGetValue(sku, out var latest) && latest == wanted) queue.Latest.Remove(sku);
            }
        }
    }

    private static bool Next(Queue queue, out string sku, out decimal wanted)
    {
        while (queue.Order.TryDequeue(out var entry, out _))
        {
            if (!queue.Latest.TryGetValue(entry.Sku, out var latest) || latest != entry.Wanted) continue; // superseded
            (sku, wanted) = entry;
            return true;
        }
        queue.Latest.Clear();
        (sku, wanted) = ("", 0);
        return false;
    }

    private async Task WriteAsync(ConnectionDocument connection, string sku, decimal wanted, CancellationToken ct)
    {
        var key = WorkKey.ForStock(connection.Id, sku).ToString();
        await using (var query = store.QuerySession())
        {
            // Another replica, or a newer poll, may have moved on since this was queued.
            if (await query.LoadAsync<StockItem>(key, ct) is not { Pending: true } item || item.Wanted != wanted) return;
        }
        var manage = connection.Stock?.ManageStock ?? false;
        IStockOutcome outcome;
        try
        {
            var target = await shop.FindAsync(connection, sku, ct);
            if (target is null)
                outcome = new StockSkipped(key, wanted, $"The shop has no product number or variant SKU '{sku}'.", clock.GetUtcNow());
            else if (target is { CombinationId: null, StockPerVariant: true })
                outcome = new StockSkipped(key, wanted, $"The shop keeps the stock of {target} per variant; the variants' own SKUs carry it.", clock.GetUtcNow());
            else if (target.Stock == wanted && (!manage || target.StockEnabled))
                outcome = new StockWritten(key, wanted, target.ToString(), Written: false, clock.GetUtcNow());
            else
            {
                if (target.CombinationId is { } combination) await ccv.SetVariantStockAsync(connection.ShopAccess(), combination, wanted, ct);
                else await ccv.SetProductStockAsync(connection.ShopAccess(), target.ProductId, wanted, manage && !target.StockEnabled ? true : null, ct);
                shop.Remember(connection.Id, sku, target with { Stock = wanted, StockEnabled = target.StockEnabled || manage });
                outcome = new StockWritten(key, wanted, target.ToString(), Written: true, clock.GetUtcNow());
            }
        }
        catch (CcvShopException e) when (e.Status == 404)
        {
            shop.Forget(connection.Id); // the product went; the next look-up rebuilds the index
            outcome = new StockWriteFailed(key, wanted, "The product or variant is no longer in the shop; tried again at the next poll.", clock.GetUtcNow());
        }
        catch (Exception e) when (e is CcvShopException or HttpRequestException or TimeoutException or Polly.CircuitBreaker.BrokenCircuitException
                                      or Polly.Timeout.TimeoutRejectedException or TaskCanceledException)
        {
            outcome = new StockWriteFailed(key, wanted, $"Temporary failure: {e.Message} Tried again at the next poll.", clock.GetUtcNow());
        }
        await using var session = store.LightweightSession();
        session.Events.Append(key, outcome);
        await session.SaveChangesAsync(ct);
    }

    private sealed class Queue
    {
        public ConnectionDocument Connection { get; set; } = null!;
        public Dictionary<string, decimal> Latest { get; } = new(StringComparer.Ordinal);
        public PriorityQueue<(string Sku, decimal Wanted), (int Tier, decimal Size)> Order { get; } =
            new(Comparer<(int Tier, decimal Size)>.Create(StockWriteOrder.Compare));
        public Task? Running { get; set; }
    }
}
