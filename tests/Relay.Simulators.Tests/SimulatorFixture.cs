using Microsoft.Extensions.Time.Testing;
using Relay.Simulators;
using Relay.Simulators.AccountView;
using Relay.Simulators.CcvShop;

namespace Relay.Simulators.Tests;

/// <summary>Both simulators on a real loopback port, with a fake clock; a fresh pair per test class instance.</summary>
public abstract class SimulatorTest : IAsyncLifetime
{
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 30, TimeSpan.Zero));
    protected SimulatorHost Host { get; private set; } = null!;
    protected virtual CcvShopOptions CcvOptions => new() { SeedProducts = 300, SeedOrders = 0, WebhookRetryDelay = TimeSpan.FromMilliseconds(20) };
    protected virtual AccountViewOptions AccountViewOptions => new();

    public virtual async Task InitializeAsync() => Host = await SimulatorHost.StartAsync(CcvOptions, AccountViewOptions, Clock);

    public virtual async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Waits for a condition, bounded; never a fixed sleep.</summary>
    protected static async Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {seconds}s for {what}.");
            await Task.Delay(20);
        }
    }
}
