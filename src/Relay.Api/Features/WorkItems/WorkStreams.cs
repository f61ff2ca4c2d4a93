using Marten;
using JasperFx;
using Marten.Exceptions;

namespace Relay.Api.Features.WorkItems;

/// <summary>
/// Appends events to work streams that others may be appending to at the same moment (a scan queuing
/// a product while its last run records its outcome): a lost race is retried, as the webhook intake does.
/// </summary>
public static class WorkStreams
{
    private const int MaxAttempts = 10;

    /// <summary>Someone else wrote the stream first (a new key created twice, or two appends at one version).</summary>
    public static bool IsLostRace(Exception e) =>
        e is ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException or ConcurrencyException;

    public static async Task AppendAsync(IDocumentStore store, IReadOnlyList<(string Key, object Event)> events, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            foreach (var (key, @event) in events) session.Events.Append(key, @event);
            try
            {
                await session.SaveChangesAsync(ct);
                return;
            }
            catch (Exception e) when (attempt < MaxAttempts && IsLostRace(e))
            {
                // Someone else appended to one of these streams first: append after them.
            }
        }
    }
}
