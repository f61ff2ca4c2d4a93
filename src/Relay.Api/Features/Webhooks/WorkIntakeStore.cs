using Marten;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.Webhooks;

/// <summary>
/// Appends a delivery to its work stream, once. A lost race (two first writes of a new key, or two
/// appends to one stream) is retried with a fresh read, which then finds the delivery already stored.
/// </summary>
internal static class WorkIntakeStore
{
    /// <returns>true when the delivery was stored now; false when it had been stored before.</returns>
    public static async Task<bool> StoreAsync(IDocumentStore store, ReceiveWebhook command, string correlationId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            session.CorrelationId = correlationId;
            var stream = await session.Events.FetchForWriting<WorkItem>(command.Key, ct);
            if (WebhookIntake.Decide(stream.Aggregate, command) is not IntakeDecision.Store store1) return false;

            stream.AppendOne(store1.Event);
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
