using Marten;
using Relay.Api.Features.Connections;
using Relay.Api.Infrastructure.Processing;
using Relay.Domain.Stock;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.Stock;

/// <summary>
/// Writes one connection's pending stock figures to the shop (a <see cref="StockWrites"/> message), under the
/// connection's cluster-wide lock: one connection's writes at a time, on whichever replica, paced by the CCV
/// client's shared rate limiter (so no 429). Prioritised: transitions to or from zero first, then the largest
/// changes (<see cref="StockWriteOrder"/>). Coalesced: a SKU is written once, with its newest wanted figure, read
/// just before the write. Nothing waits in memory: what is to be written is the pending StockItem documents.
/// A run stops when the flow is switched off, when the shop fails (the next poll's message tries again), and at
/// its lane's budget (a fresh message carries on).
/// </summary>
public sealed class StockWriter(IDocumentStore store, ClusterLocks locks, ShopStockWrite write, ShopSkuIndex shop,
    TimeProvider clock, ILogger<StockWriter> logger)
{
    private enum End { Done, Budget, ShopFailing, Off }

    public static string LockOf(string connectionId) => $"stock:{connectionId}";

    /// <summary>Writes what is pending; true when a fresh message is to carry on.</summary>
    public async Task<bool> RunAsync(string connectionId, CancellationToken ct)
    {
        var tried = new Dictionary<string, decimal>(StringComparer.Ordinal); // SKU → the figure tried
        await using (var hold = await locks.TryHoldAsync(LockOf(connectionId), ct))
        {
            // Under way here or on another replica: its holder looks again once it lets go.
            if (hold is null) return false;
            using var held = CancellationTokenSource.CreateLinkedTokenSource(ct, hold.Lost.Token);
            End end;
            try
            {
                end = await WriteAsync(connectionId, tried, held.Token);
            }
            catch (OperationCanceledException) when (hold.Lost.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                return true; // the lock may be someone else's now: a fresh message takes it again
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                StockLog.WritesStopped(logger, connectionId, e);
                return false;
            }
            if (end != End.Done) return end == End.Budget;
        }
        // Figures recorded while the lock was held had their messages find it taken: they are this run's.
        return await HasUntriedAsync(connectionId, tried, ct);
    }

    private async Task<End> WriteAsync(string connectionId, Dictionary<string, decimal> tried, CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        while (true)
        {
            var next = await NextAsync(connectionId, tried, ct);
            if (next.Count == 0) return End.Done;
            foreach (var sku in next)
            {
                if (clock.GetUtcNow() - started >= Lanes.Stock.Budget) return End.Budget;
                var (connection, item) = await LoadAsync(connectionId, sku, ct);
                // Switched off (or deleted): nothing more is written; what is pending stays so.
                if (connection?.Stock is not { Enabled: true }) return End.Off;
                if (item is not { Pending: true }) continue; // written meanwhile, or skipped
                tried[sku] = item.Wanted;
                if (!await write.WriteAsync(connection, item, ct)) return End.ShopFailing;
            }
        }
    }

    /// <summary>The connection as it is now (switched off?) and the SKU's newest wanted figure, in one round
    /// trip.</summary>
    private async Task<(ConnectionDocument?, StockItem?)> LoadAsync(string connectionId, string sku,
        CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var batch = query.CreateBatchQuery();
        var connection = batch.Load<ConnectionDocument>(connectionId);
        var item = batch.Load<StockItem>(WorkKey.ForStock(connectionId, sku).ToString());
        await batch.Execute(ct);
        return (await connection, await item);
    }

    /// <summary>The pending SKUs not tried yet with their current figure, in the order they are to be
    /// written.</summary>
    private async Task<List<string>> NextAsync(string connectionId, Dictionary<string, decimal> tried,
        CancellationToken ct)
    {
        var order = Comparer<(int Tier, decimal Size)>.Create(StockWriteOrder.Compare);
        return (await PendingAsync(connectionId, tried, ct))
            .OrderBy(i => StockWriteOrder.Priority(i.Written ?? shop.KnownStock(connectionId, i.Sku), i.Wanted), order)
            .Select(i => i.Sku)
            .ToList();
    }

    private async Task<bool> HasUntriedAsync(string connectionId, Dictionary<string, decimal> tried,
        CancellationToken ct) => (await PendingAsync(connectionId, tried, ct)).Count > 0;

    private async Task<List<StockItem>> PendingAsync(string connectionId, Dictionary<string, decimal> tried,
        CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var pending = await query.Query<StockItem>().Where(i => i.ConnectionId == connectionId && i.Pending)
            .ToListAsync(ct);
        return pending.Where(i => !tried.TryGetValue(i.Sku, out var figure) || figure != i.Wanted).ToList();
    }
}
