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
    /// <summary>Enough for a burst of a hundred writers on one stream (each lost race means another writer
    /// won).</summary>
    public const int MaxAttempts = 200;

    /// <summary>
    /// Someone else wrote the stream first (a new key created twice, or two appends at one version:
    /// EventStreamUnexpectedMaxEventIdException is a ConcurrencyException), also when Marten wraps it.
    /// </summary>
    public static bool IsLostRace(Exception e) =>
        e is ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException
            or ConcurrencyException
        || (e.InnerException is { } inner && IsLostRace(inner));

    /// <summary>After a lost race: a short random pause, so writers that collided do not collide again at
    /// once.</summary>
    public static Task PauseAfterLostRaceAsync(int attempt, CancellationToken ct) =>
        Task.Delay(Random.Shared.Next(0, Math.Min(attempt, 20) + 1), ct);

    /// <param name="alongside">What else the transaction holds (work messages in its outbox), done again on each
    /// attempt with its fresh session.</param>
    public static async Task AppendAsync(IDocumentStore store, IReadOnlyList<(string Key, object Event)> events,
        CancellationToken ct, Func<IDocumentSession, Task>? alongside = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            foreach (var (key, @event) in events) session.Events.Append(key, @event);
            if (alongside is not null) await alongside(session);
            try
            {
                await session.SaveChangesAsync(ct);
                return;
            }
            catch (Exception e) when (attempt < MaxAttempts && IsLostRace(e))
            {
                // Someone else appended to one of these streams first: append after them.
                await PauseAfterLostRaceAsync(attempt, ct);
            }
        }
    }
}
