using System.Collections.Concurrent;
using Marten;
using Relay.Api.Infrastructure.Hosting;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Stock;
using Relay.Api.Infrastructure.Processing;
using Relay.Domain.Products;

namespace Relay.Api.Features.Products;

/// <summary>
/// Every <see cref="Tick"/>: for each connection whose shard runs here (<see cref="ConnectionShards"/>), queues
/// what its product and customer
/// flows have to do. AccountView master: articles changed since the last poll (every PollSeconds, with the
/// stock flow's overlap), and the whole catalogue every ReconciliationHours; shop master: every shop
/// product every ReconciliationHours (webhooks bring the changes in between); customers: those whose
/// details changed, every ScanMinutes. A flow switched on starts from now: the first full run is the
/// import started through the admin API.
/// </summary>
public sealed class CataloguePoller(IDocumentStore store, CatalogueScanner scanner, ConnectionShards shards,
    TimeProvider clock,
    IHostApplicationLifetime lifetime, ILogger<CataloguePoller> logger) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    /// <summary>Change dates have whole seconds and late commits carry earlier ones (§4.2): each poll re-reads this far back.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromSeconds(60);

    /// <summary>How long a connection's scans wait after one failed (AccountView or the shop could not be read).</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Task> _running = new();
    private int _looking; // a tick deciding which scans to start: about to be scanning

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        lifetime.RunAsync(clock, Tick, logger, "Looking for due catalogue scans", RunDueAsync, stoppingToken);

    /// <summary>What a connection's scan has to do now.</summary>
    [Flags]
    private enum Due
    {
        Nothing = 0,
        Customers = 1,
        StartProducts = 2,
        Reconciliation = 4,
        ArticlePoll = 8,
    }

    /// <summary>Starts the due scans of connections not scanning already; one read of every connection's state a tick.</summary>
    public async Task RunDueAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _looking);
        try
        {
            await StartDueAsync(ct);
        }
        finally
        {
            Interlocked.Decrement(ref _looking);
        }
    }

    private async Task StartDueAsync(CancellationToken ct)
    {
        List<ConnectionDocument> connections;
        Dictionary<string, CatalogueState> states;
        await using (var query = store.QuerySession())
        {
            connections = (await query.Query<ConnectionDocument>().ToListAsync(ct)).ToList();
            states = (await query.LoadManyAsync<CatalogueState>(ct, connections.Select(c => c.Id))).ToDictionary(s => s.Id);
        }
        foreach (var connection in connections)
        {
            var off = connection.Products is not { Enabled: true } && connection.Customers is not { Enabled: true };
            if (off || connection.AccountView is null || !shards.Owns(connection.Id)) continue;
            var state = states.GetValueOrDefault(connection.Id) ?? new CatalogueState { Id = connection.Id };
            var due = DueNow(connection, state, clock.GetUtcNow());
            if (due == Due.Nothing) continue;
            if (_running.TryGetValue(connection.Id, out var running) && !running.IsCompleted) continue;
            _running[connection.Id] = Task.Run(() => ScanAsync(connection, state, due, ct), ct);
        }
    }

    /// <summary>Whether a scan is under way or about to start.</summary>
    public bool Scanning => Volatile.Read(ref _looking) > 0 || _running.Values.Any(t => !t.IsCompleted);

    /// <summary>Waits for the scans under way (tests and shutdown).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Values);

    private static Due DueNow(ConnectionDocument connection, CatalogueState state, DateTimeOffset now)
    {
        // A failed scan is tried again after a pause, not at every tick.
        if (state.LastFailedAt is { } failed && now - failed < RetryAfterFailure) return Due.Nothing;
        var due = Due.Nothing;
        if (connection.Customers is { Enabled: true } customers && (state.LastCustomerScanAt is not { } scanned || now - scanned >= TimeSpan.FromMinutes(customers.ScanMinutes)))
            due |= Due.Customers;
        if (connection.Products is not { Enabled: true } products) return due;
        if (state.LastReconciliationAt is not { } reconciled) return due | Due.StartProducts;
        if (now - reconciled >= TimeSpan.FromHours(products.ReconciliationHours)) return due | Due.Reconciliation;
        if (products.Master == ProductMaster.AccountView && (state.LastPollAt is not { } polled || now - polled >= TimeSpan.FromSeconds(products.PollSeconds)))
            due |= Due.ArticlePoll;
        return due;
    }

    private async Task ScanAsync(ConnectionDocument connection, CatalogueState state, Due due, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        try
        {
            if (due.HasFlag(Due.Customers))
            {
                var keys = await scanner.QueueCustomersAsync(connection, onlyChanged: true, "scan", ct);
                if (keys.Count > 0) CatalogueLog.Queued(logger, connection.Id, keys.Count, "customer scan");
            }
            var products = connection.Products ?? new ProductFlowSettings();
            if (due.HasFlag(Due.StartProducts))
                // Switched on just now: changes count from here; the full run is the import.
                await UpdateStateAsync(connection.Id, s => (s.LastReconciliationAt, s.LastPollAt, s.Watermark) = (now, now, s.Watermark ?? now), ct);
            if (due.HasFlag(Due.Reconciliation))
            {
                var keys = products.Master == ProductMaster.AccountView
                    ? (await scanner.QueueFamiliesAsync(connection, null, "reconciliation", ct)).Keys
                    : await scanner.QueueShopProductsAsync(connection, "reconciliation", ct);
                CatalogueLog.Queued(logger, connection.Id, keys.Count, "reconciliation");
                await UpdateStateAsync(connection.Id, s => (s.LastReconciliationAt, s.LastError) = (now, null), ct);
            }
            if (due.HasFlag(Due.ArticlePoll))
            {
                var (changed, newest) = await scanner.QueueFamiliesAsync(connection, (state.Watermark ?? now) - Overlap, "article changed", ct);
                if (changed.Count > 0) CatalogueLog.Queued(logger, connection.Id, changed.Count, "article poll");
                await UpdateStateAsync(connection.Id, s => (s.LastPollAt, s.Watermark, s.LastError) = (now, newest > s.Watermark ? newest : s.Watermark ?? newest, null), ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            CatalogueLog.ScanFailed(logger, connection.Id, e);
            await UpdateStateAsync(connection.Id, s => (s.LastError, s.LastFailedAt) = ($"{clock.GetUtcNow():u}: {e.GetType().Name}: {e.Message}", clock.GetUtcNow()), ct);
        }
    }

    private async Task UpdateStateAsync(string connectionId, Action<CatalogueState> change, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var state = await session.LoadAsync<CatalogueState>(connectionId, ct) ?? new CatalogueState { Id = connectionId };
        change(state);
        session.Store(state);
        await session.SaveChangesAsync(ct);
    }
}
