using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Relay.Domain.Orders;
using Relay.Domain.Products;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.WorkItems;

/// <summary>
/// The dispatcher of order, product and customer work, on Marten's async daemon: every page of new events names the orders
/// that have work, and hands them to the <see cref="WorkRunner"/>. The page is done once they are
/// handed over, so no order waits for another's. With DaemonMode.HotCold one node dispatches; work
/// handed over but unfinished at a crash is still pending in its work item and is resumed by the
/// <see cref="RetryScheduler"/>.
/// </summary>
public sealed class WorkSubscription : SubscriptionBase
{
    private readonly IServiceProvider _services;

    // The runner leads to the document store, which is still being built when Marten creates its
    // subscriptions: it is resolved at the first page instead of here.
    public WorkSubscription(IServiceProvider services)
    {
        _services = services;
        Name = "OrderWork";
        IncludeType<WebhookReceived>();
        IncludeType<OrderFoundByPoll>();
        IncludeType<ReplayRequested>();
        IncludeType<RetryDue>();
        IncludeType<WorkResumed>();
        IncludeType<CatalogueWorkQueued>();
    }

    public override Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var runner = _services.GetRequiredService<WorkRunner>();
        foreach (var key in page.Events.Where(IsWork).Select(e => e.StreamKey!).Distinct()) runner.Enqueue(key);
        return Task.FromResult<IChangeListener>(NullChangeListener.Instance);
    }

    private static bool IsWork(IEvent e) =>
        e.Data is WebhookReceived { Flow: Flow.Orders or Flow.Products } or OrderFoundByPoll or ReplayRequested or RetryDue or WorkResumed or CatalogueWorkQueued;
}
