namespace Relay.Api.Tests.Infrastructure;

/// <summary>A bounded wait on a condition: it is looked at every few milliseconds until it holds or the limit passes.</summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan limit, Func<string> explain)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {limit.TotalSeconds:0} s: {explain()}");
            await Task.Delay(Poll);
        }
    }

    public static Task WaitAsync(Func<bool> condition, TimeSpan limit, Func<string> explain) =>
        WaitAsync(() => Task.FromResult(condition()), limit, explain);
}
