using Marten;
using Relay.Api.Features.Connections;
using Relay.Api.Infrastructure.Hosting;
using Relay.Api.Infrastructure.Processing;

namespace Relay.Api.Features.PersonalData;

/// <summary>
/// Every hour, every connection's retention (<see cref="RetentionRun"/>). Once per cluster: the replica that holds
/// the cluster lock sweeps; the others find it held and skip this round.
/// </summary>
public sealed class RetentionSweep(IDocumentStore store, RetentionRun retention, ClusterLocks locks, TimeProvider clock,
    IHostApplicationLifetime lifetime, ILogger<RetentionSweep> logger) : BackgroundService
{
    public const string Trigger = "schedule";
    public const string LockName = "retention-sweep";
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lifetime.WhenStartedAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var hold = await locks.TryHoldAsync(LockName, stoppingToken);
                if (hold is not null) await SweepAsync(hold.Lost.Token, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                PersonalDataLog.SweepFailed(logger, e);
            }
        }
    }

    private async Task SweepAsync(CancellationToken lost, CancellationToken stopping)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(lost, stopping);
        IReadOnlyList<ConnectionDocument> connections;
        await using (var query = store.QuerySession())
            connections = await query.Query<ConnectionDocument>().ToListAsync(both.Token);
        foreach (var connection in connections)
        {
            var report = await retention.RunAsync(connection, Trigger, both.Token);
            if (report.Masked + report.Deleted > 0)
                PersonalDataLog.Swept(logger, connection.Id, report.Masked, report.Deleted);
        }
    }
}
