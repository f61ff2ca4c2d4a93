using System.Collections.Concurrent;
using Marten;
using Npgsql;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Stock;
using Relay.Domain.Products;

namespace Relay.Api.Features.Products;

/// <summary>
/// Every <see cref="Tick"/>: for each connection this replica owns, queues what its product and customer
/// flows have to do. AccountView master: articles changed since the last poll (every PollSeconds, with the
/// stock flow's overlap), and the whole catalogue every ReconciliationHours; shop master: every shop
/// product every ReconciliationHours (webhooks bring the changes in between); customers: those whose
/// details changed, every ScanMinutes. A flow switched on starts from now: the first full run is the
/// import started through the admin API.
/// </summary>
public sealed class CataloguePoller(IDocumentStore store, CatalogueScanner scanner, NpgsqlDataSource dataSource, TimeProvider clock,
    ILogger<CataloguePoller> logger) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    /// <summary>Change dates have whole seconds and late commits carry earlier ones (§4.2): each poll re-reads this far back.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromSeconds(60);

    private readonly StockOwnership _ownership = new(dataSource, logger, "relay-catalogue");
    private readonly ConcurrentDictionary<string, Task> _running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, clock);
        do
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Looking for due catalogue scans failed; trying again in {Tick}", Tick);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Starts the due scans of connections not scanning already.</summary>
    public async Task RunDueAsync(CancellationToken ct)
    {
        List<ConnectionDocument> connections;
        await using (var query = store.QuerySession()) connections = (await query.Query<ConnectionDocument>().ToListAsync(ct)).ToList();
        foreach (var connection in connections)
        {
            var off = connection.Products is not { Enabled: true } && connection.Customers is not { Enabled: true };
            if (off || connection.AccountView is null)
            {
                await _ownership.ReleaseAsync(connection.Id, ct);
                continue;
            }
            if (_running.TryGetValue(connection.Id, out var running) && !running.IsCompleted) continue;
            if (!await _ownership.TryOwnAsync(connection.Id, ct)) continue;
            _running[connection.Id] = Task.Run(() => ScanAsync(connection, ct), ct);
        }
    }

    /// <summary>Whether a scan is under way.</summary>
    public bool Scanning => _running.Values.Any(t => !t.IsCompleted);

    /// <summary>Waits for the scans under way (tests and shutdown).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Values);

    private async Task ScanAsync(ConnectionDocument connection, CancellationToken ct)
    {
        try
        {
            if (connection.Customers is { Enabled: true } customers && await DueAsync(connection.Id, s => s.LastCustomerScanAt, TimeSpan.FromMinutes(customers.ScanMinutes), ct))
            {
                var keys = await scanner.QueueCustomersAsync(connection, onlyChanged: true, "scan", ct);
                if (keys.Count > 0) CatalogueLog.Queued(logger, connection.Id, keys.Count, "customer scan");
            }
            if (connection.Products is { Enabled: true } products) await ProductsAsync(connection, products, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            CatalogueLog.ScanFailed(logger, connection.Id, e);
            await UpdateStateAsync(connection.Id, s => s.LastError = $"{clock.GetUtcNow():u}: {e.GetType().Name}: {e.Message}", ct);
        }
    }

    private async Task ProductsAsync(ConnectionDocument connection, ProductFlowSettings settings, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        CatalogueState state;
        await using (var query = store.QuerySession()) state = await query.LoadAsync<CatalogueState>(connection.Id, ct) ?? new CatalogueState { Id = connection.Id };
        if (state.LastReconciliationAt is null)
        {
            // Switched on just now: changes count from here; the full run is the import.
            await UpdateStateAsync(connection.Id, s => (s.LastReconciliationAt, s.LastPollAt, s.Watermark) = (now, now, s.Watermark ?? now), ct);
            return;
        }
        if (now - state.LastReconciliationAt >= TimeSpan.FromHours(settings.ReconciliationHours))
        {
            var keys = settings.Master == ProductMaster.AccountView
                ? (await scanner.QueueFamiliesAsync(connection, null, "reconciliation", ct)).Keys
                : await scanner.QueueShopProductsAsync(connection, "reconciliation", ct);
            CatalogueLog.Queued(logger, connection.Id, keys.Count, "reconciliation");
            await UpdateStateAsync(connection.Id, s => (s.LastReconciliationAt, s.LastError) = (now, null), ct);
            return;
        }
        if (settings.Master != ProductMaster.AccountView || now - state.LastPollAt < TimeSpan.FromSeconds(settings.PollSeconds)) return;
        var (changed, newest) = await scanner.QueueFamiliesAsync(connection, (state.Watermark ?? now) - Overlap, "article changed", ct);
        if (changed.Count > 0) CatalogueLog.Queued(logger, connection.Id, changed.Count, "article poll");
        await UpdateStateAsync(connection.Id, s => (s.LastPollAt, s.Watermark, s.LastError) = (now, newest > s.Watermark || s.Watermark is null ? newest ?? s.Watermark : s.Watermark, null), ct);
    }

    private async Task<bool> DueAsync(string connectionId, Func<CatalogueState, DateTimeOffset?> last, TimeSpan interval, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var state = await query.LoadAsync<CatalogueState>(connectionId, ct);
        return state is null || last(state) is not { } at || clock.GetUtcNow() - at >= interval;
    }

    private async Task UpdateStateAsync(string connectionId, Action<CatalogueState> change, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var state = await session.LoadAsync<CatalogueState>(connectionId, ct) ?? new CatalogueState { Id = connectionId };
        change(state);
        session.Store(state);
        await session.SaveChangesAsync(ct);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await _ownership.DisposeAsync();
    }
}
