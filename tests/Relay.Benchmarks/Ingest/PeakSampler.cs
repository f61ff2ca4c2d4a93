namespace Relay.Benchmarks.Ingest;

/// <summary>
/// Five times a second during a point: the server process's resident memory (VmRSS) and the PostgreSQL
/// connections it holds; the peaks are what a point reports.
/// </summary>
public sealed class PeakSampler
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _rss;
    private int _connections;

    private PeakSampler(int pid, Func<Task<int>> connections) => _loop = SampleAsync(pid, connections);

    public static PeakSampler Start(int pid, Func<Task<int>> connections) => new(pid, connections);

    /// <returns>The peak resident memory in kilobytes and the peak count of connections.</returns>
    public async Task<(long RssKilobytes, int Connections)> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        return (_rss, _connections);
    }

    private async Task SampleAsync(int pid, Func<Task<int>> connections)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            _rss = Math.Max(_rss, ProcessMeter.RssKilobytes(pid));
            _connections = Math.Max(_connections, await connections());
        }
        while (await Tick(timer));
    }

    private async Task<bool> Tick(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
