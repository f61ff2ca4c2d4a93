using System.Collections.Concurrent;
using Marten;
using Relay.Api.Infrastructure.Hosting;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Connections;
using Relay.Api.Infrastructure.Processing;
using Relay.Domain.Orders;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.Orders;

/// <summary>
/// Webhooks go missing in practice (ccvshop-api.md §3.4, S14 polls too). Per connection, every
/// ReconciliationMinutes, the recent orders are listed through the API, and any order Relay has no work
/// item for is fed in as if a webhook had come. Only the replica that runs the connection's shard
/// (<see cref="ConnectionShards"/>) reconciles it, so the shop's read budget is spent once.
/// </summary>
public sealed class OrderReconciliation(IDocumentStore store, CcvShopClient ccv, WorkQueue queue,
    ConnectionShards shards, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<OrderReconciliation> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastRun = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lifetime.WhenStartedAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Order reconciliation failed; trying again at the next tick");
            }
        }
    }

    private async Task RunDueAsync(CancellationToken ct)
    {
        List<ConnectionDocument> connections;
        await using (var query = store.QuerySession()) connections = (await query.Query<ConnectionDocument>().ToListAsync(ct)).ToList();
        var now = clock.GetUtcNow();
        foreach (var connection in connections)
        {
            var settings = connection.Orders ?? new OrderFlowSettings();
            if (!settings.Enabled || !shards.Owns(connection.Id)) continue;
            if (_lastRun.TryGetValue(connection.Id, out var last)
                && now - last < TimeSpan.FromMinutes(settings.ReconciliationMinutes)) continue;
            _lastRun[connection.Id] = now;
            await ReconcileAsync(connection, ct);
        }
    }

    /// <returns>How many orders were fed in.</returns>
    public async Task<int> ReconcileAsync(ConnectionDocument connection, CancellationToken ct)
    {
        var settings = connection.Orders ?? new OrderFlowSettings();
        var now = clock.GetUtcNow();
        var since = now - TimeSpan.FromDays(settings.ReconciliationDays);
        var orders = await ccv.ListOrdersAsync(connection.ShopAccess(), new CcvOrderFilter(CreatedFrom: since), ct).ToListAsync(ct);
        var keys = orders.Select(o => WorkKey.ForShopEntity(connection.Id, ShopEntity.Order,
            o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        HashSet<string> known;
        await using (var query = store.QuerySession()) known =
            (await query.LoadManyAsync<WorkItem>(ct, keys.Select(k => k.ToString()).ToList()))
                .Select(w => w.Id).ToHashSet();
        var unseen = keys.Where(k => !known.Contains(k.ToString())).ToList();
        // A webhook may create one of these streams meanwhile: that lost race is retried (the event then joins its
        // stream).
        await queue.AppendAsync(
            unseen.Select(key => (key.ToString(),
                (object)new OrderFoundByPoll(key.ToString(), connection.Id, key.EntityId, now))).ToList(), ct);
        OrderLog.Reconciled(logger, connection.Id, unseen.Count);
        return unseen.Count;
    }
}
