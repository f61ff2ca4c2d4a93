namespace Relay.Benchmarks.Ingest;

/// <summary>
/// One point: a warm-up of distinct deliveries (JIT, connections, pools; and the bodies the duplicate scenarios
/// repeat), then the measured run, with the server's CPU and memory, PostgreSQL's CPU, commits, statements and
/// connections over it. A point ends when Relay has handled the work messages it queued (with the flow off each
/// parks its work; with the flow on it processes the order), and its costs run until then. Every run's 202
/// answers to Relay are noted for the check afterwards.
/// </summary>
public sealed class PointMeasurement(ClusterStatistics statistics, EmbeddedCluster cluster,
    Acknowledgements acknowledgements, int warmUpSeconds, int seconds, TimeSpan settleLimit, string keysFolder)
{
    public async Task<IngestPoint> MeasureAsync(int round, IngestTarget target, Scenario scenario, int connections,
        long idBase)
    {
        var warm = await RunAsync(target, new WrkLoad("distinct", idBase, 0, 1, target.BaseUrl, target.Path, null),
            connections, warmUpSeconds);
        await SettleAsync();
        // New ids go on after the warm-up's; duplicates repeat the first half of every thread's, long answered.
        var load = new WrkLoad(Mode(scenario), idBase, warm.Next.Max(), warm.Next.Min() / 2, target.BaseUrl,
            target.Path, null);

        var cpu = ProcessMeter.CpuTicks(target.ProcessId);
        var postgresCpu = ProcessMeter.ClusterCpuTicks(cluster.PostmasterId);
        var commits = await statistics.CommitsAsync();
        await statistics.ResetStatementsAsync();
        var sampler = PeakSampler.Start(target.ProcessId, () => target.Server switch
        {
            Server.Bare => Task.FromResult(0),
            var server => statistics.ConnectionsAsync(reference: server == Server.Insert),
        });
        var result = await RunAsync(target, load, connections, seconds);
        var queued = await statistics.QueuedMessagesAsync();
        var (settled, left) = await SettleAsync();
        var (rss, held) = await sampler.StopAsync();

        var requests = (double)Math.Max(1, result.Requests);
        return new IngestPoint(round, target.Server, scenario, connections, result, rss,
            (ProcessMeter.CpuTicks(target.ProcessId) - cpu) * ProcessMeter.MillisecondsPerTick / requests,
            (ProcessMeter.ClusterCpuTicks(cluster.PostmasterId) - postgresCpu) * ProcessMeter.MillisecondsPerTick
                / requests,
            (await statistics.CommitsAsync() - commits) / requests,
            await statistics.StatementsAsync() / requests,
            held) { QueuedAfter = queued, SettledAfter = settled, LeftAfterDrain = left };
    }

    /// <summary>Waits until Relay has handled the work messages the point left: the next point would pay for them
    /// otherwise, and the costs per request are those of the deliveries and of the work they queued. Past the
    /// drain limit the point ends all the same, with what is left said (the next point then shares the machine
    /// with that work).</summary>
    private async Task<(TimeSpan Elapsed, long Left)> SettleAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await BenchmarkRelay.WaitAsync(async () => await statistics.QueuedMessagesAsync() == 0, settleLimit);
            return (clock.Elapsed, 0);
        }
        catch (TimeoutException)
        {
            return (clock.Elapsed, await statistics.QueuedMessagesAsync());
        }
    }

    private static string Mode(Scenario scenario) => scenario switch
    {
        Scenario.Mixed => "mixed",
        Scenario.Duplicates => "duplicates",
        _ => "distinct",
    };

    private async Task<WrkResult> RunAsync(IngestTarget target, WrkLoad load, int connections, int duration)
    {
        var keys = target.ConnectionId is null ? null : Path.Combine(keysFolder, $"{Guid.NewGuid():n}.keys");
        var result = await Wrk.RunAsync(load with { KeysFile = keys }, connections, duration);
        if (target.ConnectionId is { } connection) acknowledgements.Add(connection, result.Accepted, keys!);
        return result;
    }
}
