using JasperFx.Events;
using Marten;
using Marten.Services;
using Relay.Domain.Orders;
using Relay.Domain.Products;
using Relay.Domain.Stock;
using Relay.Domain.WorkItems;

namespace Relay.Api.Infrastructure.Telemetry;

/// <summary>
/// Counts work received and attempts' outcomes from the events every session commits (the intake's batches, the
/// flows' outcomes, polls, scans, replays): one place that sees every flow, and only what was really stored (a
/// batch rolled back after a lost race is counted when it is written again).
/// </summary>
public sealed class WorkCounts(RelayMetrics metrics) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (!metrics.CountsWork) return Task.CompletedTask;
        foreach (var e in commit.GetEvents())
        {
            if (e.StreamKey is not { } key || !WorkKey.TryParse(key, out var work)) continue;
            var flow = FlowOf(work.Kind);
            if (IsReceived(e.Data)) metrics.Received(flow, work.ConnectionId);
            else if (OutcomeOf(e.Data) is { } status) metrics.Finished(status, flow, work.ConnectionId);
        }
        return Task.CompletedTask;
    }

    /// <summary>The events that hand work to Relay (retries that fall due are not new work).</summary>
    private static bool IsReceived(object data) =>
        data is WebhookReceived or OrderFoundByPoll or CatalogueWorkQueued or StockChanged or ReplayRequested;

    private static WorkStatus? OutcomeOf(object data) => data switch
    {
        OrderSent or CatalogueSynced or StockWritten => WorkStatus.Succeeded,
        OrderSkipped or CatalogueSkipped or StockSkipped => WorkStatus.Skipped,
        IWorkFailure or StockWriteFailed => WorkStatus.Failed,
        _ => null,
    };

    /// <summary>A customer is worked on the catalogue's lane, but it is the customers flow.</summary>
    public static Flow FlowOf(WorkKind kind) => kind switch
    {
        WorkKind.Order => Flow.Orders,
        WorkKind.Stock => Flow.Stock,
        WorkKind.Customer => Flow.Customers,
        WorkKind.OrderStatus => Flow.OrderStatus,
        WorkKind.SalesOrder => Flow.OrdersFromAccountView,
        _ => Flow.Products,
    };
}
