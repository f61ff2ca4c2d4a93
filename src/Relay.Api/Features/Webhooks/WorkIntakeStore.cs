using Relay.Api.Infrastructure.Processing;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.Webhooks;

/// <summary>
/// Appends a delivery to its work stream, once, and in the same transaction queues the work it makes
/// pending. A lost race (two first writes of a new key, or two appends to one stream) is retried with a
/// fresh read, which then finds the delivery already stored.
/// </summary>
internal static class WorkIntakeStore
{
    /// <returns>true when the delivery was stored now; false when it had been stored before.</returns>
    public static async Task<bool> StoreAsync(WorkQueue queue, ReceiveWebhook command, string correlationId,
        CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (session, outbox) = queue.OpenSession();
            await using var _ = session;
            session.CorrelationId = correlationId;
            var stream = await session.Events.FetchForWriting<WorkItem>(command.Key, ct);
            if (WebhookIntake.Decide(stream.Aggregate, command) is not IntakeDecision.Store store1) return false;

            stream.AppendOne(store1.Event);
            if (WorkItem.Evolve(stream.Aggregate, store1.Event) is { NeedsProcessing: true }
                && WorkMessages.For(command.Key) is { } work)
                await outbox.PublishAsync((object)work);
            try
            {
                await session.SaveChangesAsync(ct);
                return true;
            }
            catch (Exception e)
                when (attempt < WorkItems.WorkStreams.MaxAttempts && WorkItems.WorkStreams.IsLostRace(e))
            {
                // Someone else wrote this stream first: look again.
                await WorkItems.WorkStreams.PauseAfterLostRaceAsync(attempt, ct);
            }
        }
    }
}
