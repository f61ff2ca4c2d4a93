using System.Collections.Concurrent;
using Marten;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Tenants;
using Relay.Api.Infrastructure.Hosting;
using Relay.Api.Infrastructure.Processing;
using Relay.Domain.Alerts;
using Relay.Domain.Orders;
using Relay.Domain.Products;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.Alerts;

/// <summary>
/// Every <see cref="Interval"/>, for each connection with an alert channel whose shard runs here (so once in the
/// cluster): looks at the connection (<see cref="AlertObservationReader"/>), opens, updates and resolves its alerts
/// by the rules (<see cref="AlertBook"/>), queues their messages and sends what is due.
/// </summary>
public sealed partial class AlertWatch(IDocumentStore store, AlertObservationReader reader, AlertSender sender,
    ConnectionShards shards, TimeProvider clock, IConfiguration configuration, IHostApplicationLifetime lifetime,
    ILogger<AlertWatch> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>Connections looked at together: a channel that hangs (up to its timeout) holds up only one.</summary>
    public const int Parallel = 8;

    // One look at a connection at a time: a look on demand and the timer's must not both open the same alert.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _looking = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lifetime.WhenStartedAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            List<ConnectionDocument> connections;
            Dictionary<string, TenantDocument> tenants;
            await using (var query = store.QuerySession())
            {
                connections = [.. await query.Query<ConnectionDocument>().ToListAsync(stoppingToken)];
                tenants = (await query.Query<TenantDocument>().ToListAsync(stoppingToken)).ToDictionary(t => t.Id);
            }
            var watched = connections.Where(c => shards.Owns(c.Id))
                .Select(c => (Connection: c, Setup: c.Alerts ?? tenants.GetValueOrDefault(c.TenantId)?.Alerts))
                .Where(w => w.Setup is { HasChannel: true });
            await System.Threading.Tasks.Parallel.ForEachAsync(watched,
                new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = stoppingToken },
                async (w, ct) =>
                {
                    try
                    {
                        await EvaluateAsync(w.Connection, w.Setup!, ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        NotEvaluated(logger, w.Connection.Id, e);
                    }
                });
        }
    }

    /// <summary>Looks at the connection now, with its own alert setup or its tenant's.</summary>
    public async Task EvaluateAsync(ConnectionDocument connection, CancellationToken ct)
    {
        AlertSetup? setup;
        await using (var query = store.QuerySession()) setup = await AlertSetups.ForAsync(query, connection, ct);
        if (setup is { HasChannel: true }) await EvaluateAsync(connection, setup, ct);
    }

    private async Task EvaluateAsync(ConnectionDocument connection, AlertSetup setup, CancellationToken ct)
    {
        var one = _looking.GetOrAdd(connection.Id, _ => new SemaphoreSlim(1, 1));
        await one.WaitAsync(ct);
        try
        {
            await LookAsync(connection, setup, ct);
        }
        finally
        {
            one.Release();
        }
    }

    private async Task LookAsync(ConnectionDocument connection, AlertSetup setup, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var seen = await reader.ReadAsync(connection, setup.Rules, now, ct);
        var problems = AlertDetection.Detect(seen, setup.Rules, now);
        await using (var session = store.LightweightSession())
        {
            var open = (await session.Query<AlertDocument>()
                .Where(a => a.ConnectionId == connection.Id && a.State == AlertState.Open).ToListAsync(ct))
                .ToDictionary(a => a.Problem.Id);
            var changes = AlertBook.Decide(
                [.. open.Values.Select(a => new OpenAlert(a.Problem, a.OpenedAt, a.LastSentAt))],
                problems, setup.Rules, now);
            foreach (var change in changes)
                await ApplyAsync(session, connection, setup, open.GetValueOrDefault(change.Problem.Id), change, now,
                    ct);
            await session.SaveChangesAsync(ct);
        }
        await sender.SendDueAsync(connection, setup, ct);
    }

    private async Task ApplyAsync(IDocumentSession session, ConnectionDocument connection, AlertSetup setup,
        AlertDocument? alert, AlertChange change, DateTimeOffset now, CancellationToken ct)
    {
        void Queue(AlertNoticeKind kind) =>
            AlertNotices.Queue(session, connection, setup, alert!.Id, alert.Problem, kind, now, configuration);

        switch (change)
        {
            case AlertChange.Opened opened:
                alert = new AlertDocument
                {
                    Id = AlertDocument.IdOf(connection.Id, opened.Problem.Id), ConnectionId = connection.Id,
                    Problem = await WithDetailAsync(session, opened.Problem, ct), State = AlertState.Open,
                    OpenedAt = now, LastSentAt = now,
                };
                Queue(AlertNoticeKind.Started);
                break;
            case AlertChange.Continues { Remind: true } reminded:
                (alert!.Problem, alert.LastSentAt) = (await WithDetailAsync(session, reminded.Problem, ct), now);
                Queue(AlertNoticeKind.Reminder);
                break;
            case AlertChange.Continues still:
                if (alert!.Problem.Count == still.Problem.Count) return;
                alert.Problem = alert.Problem with { Count = still.Problem.Count };
                break;
            case AlertChange.Resolved:
                (alert!.State, alert.ResolvedAt) = (AlertState.Resolved, now);
                Queue(AlertNoticeKind.Resolved);
                break;
        }
        session.Store(alert!);
    }

    /// <summary>A failed item's own failure, for the message: the reason and the other system's words apart.</summary>
    private static async Task<AlertProblem> WithDetailAsync(IQuerySession session, AlertProblem problem,
        CancellationToken ct)
    {
        if (problem is not { Trigger: AlertTrigger.WorkFailed, ItemKey: { } key }) return problem;
        var events = await session.Events.FetchStreamAsync(key, token: ct);
        return events.Select(e => e.Data).OfType<IWorkFailure>().LastOrDefault() switch
        {
            OrderFailed f => problem with { Reason = f.Reason, OtherSystemMessage = f.AccountViewMessage },
            CatalogueFailed f => problem with { Reason = f.Reason, OtherSystemMessage = f.OtherSystemMessage },
            _ => problem,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alerts of connection {ConnectionId} not looked at this time")]
    private static partial void NotEvaluated(ILogger logger, string connectionId, Exception e);
}
