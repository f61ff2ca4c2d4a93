using System.Collections.Concurrent;
using Marten;
using Microsoft.Extensions.Caching.Memory;
using Relay.Api.Features.Connections;
using Relay.Api.Infrastructure.Caching;

namespace Relay.Api.Features.Webhooks;

/// <summary>
/// The gates of the connections webhooks arrive for, remembered, so a delivery costs no document load. A gate is
/// never trusted alone: the intake's batch reads every connection it stores for in its own query and refuses a
/// delivery checked against a gate that no longer matches (<see cref="IntakeResult.GateChanged"/>), which replaces
/// the remembered one. A change made on any replica is so in force from the next batch on.
/// </summary>
internal sealed class WebhookGates(IDocumentStore store, [FromKeyedServices(RelayMemory.Key)] IMemoryCache memory,
    TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    // Loads under way: a burst for a connection not remembered yet waits for one load, not one each (which would
    // take the whole pool at once).
    private readonly ConcurrentDictionary<string, Lazy<Task<WebhookGate?>>> _loading = new();

    /// <returns>The connection's gate, or null when there is no such connection.</returns>
    /// <param name="fresh">Read now, from the database: not what is remembered nor a load that began before.</param>
    public async Task<WebhookGate?> FindAsync(string connectionId, bool fresh, CancellationToken ct)
    {
        if (fresh) return await LoadAsync(connectionId, ct);
        if (memory.TryGetValue(CacheKey(connectionId), out WebhookGate? known)) return known;
        var loading = _loading.GetOrAdd(connectionId, id => new(() => LoadAsync(id, CancellationToken.None)));
        try
        {
            return await loading.Value.WaitAsync(ct);
        }
        finally
        {
            _loading.TryRemove(new(connectionId, loading));
        }
    }

    private async Task<WebhookGate?> LoadAsync(string connectionId, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var connection = await query.LoadAsync<ConnectionDocument>(connectionId, ct);
        if (connection is null)
        {
            memory.Remove(CacheKey(connectionId));
            return null;
        }
        return Remember(WebhookGate.From(connection));
    }

    /// <summary>The gate as a batch found it in the database.</summary>
    public WebhookGate Remember(WebhookGate gate) =>
        memory.Remember(CacheKey(gate.ConnectionId), gate, clock.GetUtcNow() + Lifetime);

    public void Forget(string connectionId) => memory.Remove(CacheKey(connectionId));

    private static (string, string) CacheKey(string connectionId) => ("webhook-gate", connectionId);
}
