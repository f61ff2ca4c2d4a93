using System.Collections.Concurrent;
using Marten;
using Relay.Api.Features.Connections;
using Relay.Api.Infrastructure.Hosting;
using Relay.Api.Infrastructure.Processing;

namespace Relay.Api.Features.OrderStatus;

/// <summary>
/// Runs each connection's sales-order poll on its interval (the shorter of the order-status and orders-from-
/// AccountView flows that are on), on the replica that runs the connection's shard (<see cref="ConnectionShards"/>),
/// one poll per connection at a time.
/// </summary>
public sealed class SalesOrderPoller(IDocumentStore store, SalesOrderPoll poll, ConnectionShards shards,
    TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<SalesOrderPoller> logger) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _polling = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        lifetime.RunAsync(clock, Tick, logger, "Looking for due sales-order polls", PollDueAsync, stoppingToken);

    /// <summary>The seconds between polls, or null when neither flow is on.</summary>
    public static int? IntervalOf(ConnectionDocument connection) =>
        new[]
        {
            connection.OrderStatus is { Enabled: true } s ? s.PollSeconds : (int?)null,
            connection.OrdersFromAccountView is { Enabled: true } f ? f.PollSeconds : null,
        }.Min();

    /// <summary>Polls the connections that are due, one after the other.</summary>
    public async Task PollDueAsync(CancellationToken ct)
    {
        List<ConnectionDocument> connections;
        Dictionary<string, SalesOrderPollState> states;
        await using (var query = store.QuerySession())
        {
            connections = [.. await query.Query<ConnectionDocument>().ToListAsync(ct)];
            states = (await query.LoadManyAsync<SalesOrderPollState>(ct, connections.Select(c => c.Id)))
                .ToDictionary(s => s.Id);
        }
        var now = clock.GetUtcNow();
        foreach (var connection in connections)
        {
            if (IntervalOf(connection) is not { } seconds || connection.AccountView is null
                || !shards.Owns(connection.Id)) continue;
            if (states.GetValueOrDefault(connection.Id)?.LastAttemptAt is { } last
                && now - last < TimeSpan.FromSeconds(seconds)) continue;
            await PollAsync(connection, ct);
        }
    }

    /// <summary>A poll now, after the one under way if any: null when another replica owns the connection.</summary>
    public async Task<SalesOrderPollResult?> PollNowAsync(ConnectionDocument connection, CancellationToken ct)
    {
        if (!shards.Owns(connection.Id)) return null;
        var gate = _polling.GetOrAdd(connection.Id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            return await poll.RunAsync(connection, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task PollAsync(ConnectionDocument connection, CancellationToken ct)
    {
        var attemptedAt = clock.GetUtcNow();
        try
        {
            await PollNowAsync(connection, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Sales-order poll of {Connection} failed; tried again at its next interval",
                connection.Id);
            await using var session = store.LightweightSession();
            var state = await session.LoadAsync<SalesOrderPollState>(connection.Id, ct)
                ?? new SalesOrderPollState { Id = connection.Id };
            state.LastAttemptAt = attemptedAt;
            state.LastError = $"{clock.GetUtcNow():u}: {e.GetType().Name}: {e.Message}";
            session.Store(state);
            await session.SaveChangesAsync(ct);
        }
    }
}
