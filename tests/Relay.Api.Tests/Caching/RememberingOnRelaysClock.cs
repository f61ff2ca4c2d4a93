using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Relay.Api.Infrastructure.Caching;

namespace Relay.Api.Tests.Caching;

/// <summary>Relay's memory of the other systems expires on Relay's clock, not the machine's.</summary>
public sealed class RememberingOnRelaysClock
{
    [Fact]
    public void An_entry_is_kept_until_its_time_on_Relays_clock_and_not_after()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        using var services = new ServiceCollection().AddSingleton<TimeProvider>(clock).AddRelayMemory()
            .BuildServiceProvider();
        var memory = services.GetRequiredKeyedService<IMemoryCache>(RelayMemory.Key);

        memory.Remember("list", "groups", clock.GetUtcNow() + TimeSpan.FromMinutes(5));
        clock.Advance(TimeSpan.FromMinutes(4));
        memory.Get<string>("list").ShouldBe("groups");
        clock.Advance(TimeSpan.FromMinutes(1));
        memory.Get<string>("list").ShouldBeNull();
    }
}
