namespace Relay.Api.Infrastructure.Hosting;

/// <summary>The loop of a background poller: a round once the host has started, then one every tick.</summary>
public static class PeriodicRounds
{
    /// <summary>
    /// Runs <paramref name="round"/> at start-up and at every tick of Relay's clock until stopped. A round that fails
    /// is logged as "<paramref name="what"/> failed" and the next tick tries again.
    /// </summary>
    public static async Task RunAsync(this IHostApplicationLifetime lifetime, TimeProvider clock, TimeSpan tick,
        ILogger logger, string what, Func<CancellationToken, Task> round, CancellationToken ct)
    {
        await lifetime.WhenStartedAsync(ct);
        using var timer = new PeriodicTimer(tick, clock);
        do
        {
            try
            {
                await round(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "{What} failed; trying again in {Tick}", what, tick);
            }
        }
        while (await timer.WaitForNextTickAsync(ct));
    }
}
