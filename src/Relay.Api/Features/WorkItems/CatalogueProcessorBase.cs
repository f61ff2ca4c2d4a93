using Marten;
using Relay.Api.Clients;
using Relay.Api.Clients.AccountView;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Connections;
using Relay.Api.Infrastructure.Processing;
using Relay.Domain.Orders;
using Relay.Domain.Products;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.WorkItems;

/// <summary>
/// The processing model the product, category and customer flows share with the order flow: load the
/// pending item, leave it pending while its flow is off, decide and write, and end the attempt on record
/// (synced, skipped or failed with a retry time). What the other system refuses fails for good (replay
/// after fixing it); what could not be reached is retried on the order flow's schedule.
/// </summary>
public abstract class CatalogueProcessorBase(IDocumentStore store, WorkQueue queue, TimeProvider clock) : IWorkProcessor
{
    protected TimeProvider Clock => clock;

    protected IDocumentStore Store => store;

    protected abstract Flow FlowOf(WorkItem item);

    /// <summary>Decides and writes; returns the outcome event (CatalogueSynced, CatalogueSkipped or CatalogueFailed).</summary>
    protected abstract Task<ICatalogueOutcome> RunAsync(WorkItem item, ConnectionDocument connection,
        CancellationToken ct);

    public async Task ProcessAsync(string key, CancellationToken ct)
    {
        WorkItem? item;
        ConnectionDocument? connection;
        await using (var query = store.QuerySession())
        {
            item = await query.LoadAsync<WorkItem>(key, ct);
            if (item is null || !item.NeedsProcessing) return;
            connection = await query.LoadAsync<ConnectionDocument>(item.ConnectionId, ct);
        }
        // A switched-off flow leaves its work pending: switch it on and replay to run it.
        if (connection is null || !connection.IsOn(FlowOf(item))) return;
        ICatalogueOutcome outcome;
        try
        {
            outcome = await RunAsync(item, connection, ct);
        }
        catch (AccountViewException e) when (e.IsPermanent)
        {
            outcome = Failed(item, "AccountView refused the write.", e.AccountViewMessage, permanent: true);
        }
        catch (AccountViewAuthorizationException e)
        {
            outcome = Failed(item, e.Message, null, permanent: true);
        }
        catch (CcvShopException e) when (e.Status is >= 400 and < 500 and not (401 or 408 or 429))
        {
            outcome = Failed(item, "CCV Shop refused the write.", $"{e.Status}: {e.DeveloperMessage}", permanent: true);
        }
        catch (Exception e) when (OutboundFailure.Is(e, ct))
        {
            outcome = Failed(item, $"Temporary failure: {OutboundFailure.Reason(e)}",
                (e as AccountViewException)?.AccountViewMessage, permanent: false);
        }
        await AppendAsync(key, outcome, ct);
    }

    public async Task RecordTemporaryFailureAsync(string key, string reason, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        if (await query.LoadAsync<WorkItem>(key, ct) is not { NeedsProcessing: true } item) return;
        await AppendAsync(key, Failed(item, reason, null, permanent: false), ct);
    }

    protected CatalogueFailed Failed(WorkItem item, string reason, string? otherSystemMessage, bool permanent)
    {
        var now = clock.GetUtcNow();
        var (why, final, next) = RetrySchedule.Failure(reason, permanent, item.Attempts, now);
        return new CatalogueFailed(item.Id, why, otherSystemMessage, final, next, now);
    }

    protected CatalogueSkipped Skipped(WorkItem item, string reason) => new(item.Id, reason, clock.GetUtcNow());

    private Task AppendAsync(string key, ICatalogueOutcome outcome, CancellationToken ct) =>
        queue.AppendOutcomeAsync(key, outcome, ct);
}
