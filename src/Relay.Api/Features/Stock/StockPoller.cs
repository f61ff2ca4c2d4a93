using System.Collections.Concurrent;
using Marten;
using Relay.Api.Infrastructure.Hosting;
using Relay.Api.Features.Connections;
using Relay.Api.Infrastructure.Processing;
using Relay.Domain.Stock;

namespace Relay.Api.Features.Stock;

/// <summary>
/// Runs each connection's stock polls on its interval. Every <see cref="Tick"/> it looks at the
/// connections with the stock flow on whose shard runs on this replica (<see cref="ConnectionShards"/>:
/// one replica per connection), and starts a poll for each that is due and not
/// polling already: a poll that overruns its interval never has a second one beside it.
/// </summary>
public sealed class StockPoller(IDocumentStore store, StockPoll poll, ConnectionShards shards, TimeProvider clock,
    IHostApplicationLifetime lifetime, ILogger<StockPoller> logger)
    : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _polling = new(); // held while a connection polls
    private readonly ConcurrentDictionary<string, Task> _running = new();
    private int _looking; // callers deciding which polls to start: about to be polling

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        lifetime.RunAsync(clock, Tick, logger, "Looking for due stock polls", StartDuePollsAsync, stoppingToken);

    /// <summary>Starts the polls that are due; returns the connections it started, for tests.</summary>
    public async Task<IReadOnlyList<string>> StartDuePollsAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _looking);
        try
        {
            return await StartDueAsync(ct);
        }
        finally
        {
            Interlocked.Decrement(ref _looking);
        }
    }

    private async Task<IReadOnlyList<string>> StartDueAsync(CancellationToken ct)
    {
        List<ConnectionDocument> connections;
        Dictionary<string, StockPollState> states;
        await using (var query = store.QuerySession())
        {
            connections = (await query.Query<ConnectionDocument>().ToListAsync(ct)).ToList();
            // When a connection last polled is on record, so a replica that takes a connection over keeps its rhythm.
            states = (await query.LoadManyAsync<StockPollState>(ct, connections.Select(c => c.Id))).ToDictionary(s => s.Id);
        }
        var started = new List<string>();
        var now = clock.GetUtcNow();
        foreach (var connection in connections)
        {
            if (connection.Stock is not { Enabled: true } settings || connection.AccountView is null
                || !shards.Owns(connection.Id)) continue;
            if (states.GetValueOrDefault(connection.Id)?.LastAttemptAt is { } last && now - last < TimeSpan.FromSeconds(settings.PollSeconds)) continue;
            var gate = Gate(connection.Id);
            if (!gate.Wait(0)) continue; // the last poll is still running
            _running[connection.Id] = Task.Run(async () =>
            {
                try
                {
                    await PollAsync(connection, ct);
                }
                finally
                {
                    gate.Release();
                }
            }, ct);
            started.Add(connection.Id);
        }
        return started;
    }

    /// <summary>A poll started by hand, after the one under way if any: null when another replica owns the connection.</summary>
    public async Task<StockPollResult?> PollNowAsync(ConnectionDocument connection, bool full, CancellationToken ct)
    {
        if (!shards.Owns(connection.Id)) return null;
        var gate = Gate(connection.Id);
        await gate.WaitAsync(ct);
        try
        {
            return await poll.RunAsync(connection, full, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private SemaphoreSlim Gate(string connectionId) => _polling.GetOrAdd(connectionId, _ => new SemaphoreSlim(1, 1));

    private async Task PollAsync(ConnectionDocument connection, CancellationToken ct)
    {
        var attemptedAt = clock.GetUtcNow();
        try
        {
            var result = await poll.RunAsync(connection, forceFull: false, ct);
            StockLog.Polled(logger, connection.Id, result.Full, result.Articles, result.Changes, result.Milliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Stock poll of {Connection} failed; tried again at its next interval", connection.Id);
            await RecordErrorAsync(connection.Id, attemptedAt, e, ct);
        }
    }

    private async Task RecordErrorAsync(string connectionId, DateTimeOffset attemptedAt, Exception e, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var state = await session.LoadAsync<StockPollState>(connectionId, ct) ?? new StockPollState { Id = connectionId };
        state.LastAttemptAt = attemptedAt;
        state.LastError = $"{clock.GetUtcNow():u}: {e.GetType().Name}: {e.Message}";
        session.Store(state);
        await session.SaveChangesAsync(ct);
    }

    /// <summary>Whether a timed poll is under way or about to start.</summary>
    public bool Polling => Volatile.Read(ref _looking) > 0 || _running.Values.Any(t => !t.IsCompleted);

    /// <summary>Waits for the polls under way (tests and shutdown).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Values);
}
