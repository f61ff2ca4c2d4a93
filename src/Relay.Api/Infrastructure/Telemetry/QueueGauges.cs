using System.Diagnostics.Metrics;
using Npgsql;
using Relay.Api.Infrastructure.Processing;

namespace Relay.Api.Infrastructure.Telemetry;

/// <summary>
/// The gauges of the work engine, per lane: messages waiting in Wolverine's durable inbox (ready or running, and
/// scheduled), the age of the oldest work item waiting to be done, dead letters, and the connection shards this
/// replica runs. The figures are read from PostgreSQL every <see cref="Every"/> by <see cref="QueueSampler"/>, and
/// only while something reads the gauges: a scrape never waits for the database.
/// </summary>
public sealed class QueueGauges
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(15);

    private readonly ObservableGauge<long>[] _gauges;
    private volatile QueueSnapshot _last = QueueSnapshot.Empty;

    public QueueGauges(RelayMetrics metrics, ConnectionShards shards)
    {
        var meter = metrics.Meter;
        _gauges =
        [
            meter.CreateObservableGauge("queue.depth", () => PerLane(_last.Ready), "{message}",
                "Work messages in the lane's durable inbox, ready or running"),
            meter.CreateObservableGauge("queue.scheduled", () => PerLane(_last.Scheduled), "{message}",
                "Work messages in the lane's durable inbox waiting for their time (retries, deferrals)"),
            meter.CreateObservableGauge("queue.age", () => PerLane(_last.OldestSeconds), "s",
                "Age of the lane's oldest work item waiting to be done (parked work of a flow that is off included)"),
            meter.CreateObservableGauge("queue.dead_letters", () => _last.DeadLetters, "{message}",
                "Messages Wolverine gave up on"),
            meter.CreateObservableGauge("agents.running", () => (long)shards.Running, "{agent}",
                $"Connection shards (of {ConnectionShards.Count}) whose scheduled work runs on this replica"),
        ];
    }

    /// <summary>Whether anything reads the gauges (else the sampler need not ask PostgreSQL).</summary>
    public bool Read => _gauges.Any(g => g.Enabled);

    public void Update(QueueSnapshot snapshot) => _last = snapshot;

    private static IEnumerable<Measurement<long>> PerLane(IReadOnlyDictionary<string, long> values) =>
        QueueSnapshot.LaneNames.Select(lane =>
            new Measurement<long>(values.GetValueOrDefault(lane), new KeyValuePair<string, object?>("lane", lane)));
}
