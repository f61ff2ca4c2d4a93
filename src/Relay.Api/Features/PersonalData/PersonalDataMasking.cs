using Marten;
using Relay.Api.Features.WorkItems;
using Relay.Domain.PersonalData;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.PersonalData;

/// <summary>
/// Masks the personal data of whole work streams with Marten's event masking, records that on each stream
/// (<see cref="PersonalDataMasked"/>), and folds each work item again, since its document (the last error) was
/// built from the unmasked events.
/// </summary>
public sealed class PersonalDataMasking(IDocumentStore store, TimeProvider clock)
{
    private const int Batch = 100;

    public async Task MaskAsync(IReadOnlyList<string> keys, string why, CancellationToken ct)
    {
        foreach (var batch in keys.Chunk(Batch))
        {
            var changed = new Dictionary<string, int>();
            await using (var query = store.QuerySession())
                foreach (var key in batch)
                    changed[key] = (await query.Events.FetchStreamAsync(key, token: ct))
                        .Count(e => PersonalDataMasks.Holds(e.Data));
            await store.Advanced.ApplyEventDataMasking(masking =>
            {
                foreach (var key in batch) masking.IncludeStream(key);
            }, ct);
            var now = clock.GetUtcNow();
            await WorkStreams.AppendAsync(store,
                batch.Select(k => (k, (object)new PersonalDataMasked(k, why, changed[k], now))).ToList(), ct);
            await FoldAgainAsync(batch, ct);
        }
    }

    private async Task FoldAgainAsync(IEnumerable<string> keys, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        foreach (var key in keys)
        {
            var events = await session.Events.FetchStreamAsync(key, token: ct);
            if (events.Aggregate((WorkItem?)null, (state, e) => WorkItem.Evolve(state, e.Data)) is { } item)
                session.Store(item);
        }
        await session.SaveChangesAsync(ct);
    }
}
