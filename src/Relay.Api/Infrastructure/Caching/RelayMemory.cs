using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Internal;

namespace Relay.Api.Infrastructure.Caching;

/// <summary>
/// What this process remembers of the shops and AccountView (category and group lists, product snapshots, SKU
/// indexes, access tokens): one memory cache, expiring on Relay's clock. Every entry is read again on a miss, so an
/// eviction costs calls, never correctness; a restart forgets it all. Its users take it as
/// <c>[FromKeyedServices(RelayMemory.Key)] IMemoryCache</c> and store through <see cref="Remember"/>.
/// </summary>
public static class RelayMemory
{
    public const string Key = "relay";

    // A few entries per connection, each expiring: the bound only stops keys of gone shops piling up meanwhile.
    private const long MaxEntries = 100_000;

    /// <summary>Registers the cache once, whichever flow asks first.</summary>
    public static IServiceCollection AddRelayMemory(this IServiceCollection services)
    {
        services.TryAddKeyedSingleton<IMemoryCache>(Key, (sp, _) => new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = MaxEntries,
            Clock = new RelayClock(sp.GetRequiredService<TimeProvider>()),
        }));
        return services;
    }

    /// <summary>Keeps a value until <paramref name="until"/> (on Relay's clock), as one entry of the bound. When the
    /// bound is reached, entries of low <paramref name="priority"/> go first.</summary>
    public static T Remember<T>(this IMemoryCache cache, object key, T value, DateTimeOffset until,
        CacheItemPriority priority = CacheItemPriority.Normal) =>
        cache.Set(key, value, new MemoryCacheEntryOptions { AbsoluteExpiration = until, Size = 1, Priority = priority });

    /// <summary>The time Relay sees (a test's fake clock too), so entries expire when Relay's own checks say.</summary>
    private sealed class RelayClock(TimeProvider clock) : ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
}
