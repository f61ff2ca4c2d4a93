using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Relay.Domain.Orders;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.Orders;

/// <summary>
/// The dispatcher of order work, on Marten's async daemon: every page of new events names the orders
/// that have work; each runs once per page, several at a time, and the daemon's checkpoint moves on only
/// after they are recorded. With DaemonMode.HotCold one node runs it; a crash resumes from the checkpoint.
/// </summary>
public sealed class OrderWorkSubscription : SubscriptionBase
{
    /// <summary>
    /// Orders processed at once. Most of an order's time is waiting on AccountView (six to eight calls),
    /// so this is well above the core count; each connection's calls are still paced by its clients.
    /// </summary>
    public const int Parallelism = 32;

    /// <summary>
    /// The longest one order may hold up its page (and so the orders behind it, of every connection):
    /// past it the attempt is recorded as a temporary failure and retried on schedule.
    /// </summary>
    public static readonly TimeSpan OrderBudget = TimeSpan.FromSeconds(60);

    private readonly IServiceProvider _services;
    private readonly ILogger<OrderWorkSubscription> _logger;

    // The processor needs the document store, which is still being built when Marten creates its
    // subscriptions: it is resolved at the first page instead of here.
    public OrderWorkSubscription(IServiceProvider services, ILogger<OrderWorkSubscription> logger)
    {
        _services = services;
        _logger = logger;
        Name = "OrderWork";
        IncludeType<WebhookReceived>();
        IncludeType<OrderFoundByPoll>();
        IncludeType<ReplayRequested>();
        IncludeType<RetryDue>();
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var keys = page.Events
            .Where(e => e.Data is WebhookReceived { Flow: Flow.Orders } or OrderFoundByPoll or ReplayRequested or RetryDue)
            .Select(e => e.StreamKey!)
            .Distinct()
            .ToList();
        var processor = _services.GetRequiredService<OrderProcessor>();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (key, ct) =>
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
            budget.CancelAfter(OrderBudget);
            try
            {
                await processor.ProcessAsync(key, budget.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                await processor.RecordCrashAsync(key, new TimeoutException($"The order took longer than {OrderBudget.TotalSeconds:0} s."), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One order's unexpected error must not stop the others; it is recorded as a failure.
                OrderLog.Crashed(_logger, key, e);
                await processor.RecordCrashAsync(key, e, ct);
            }
        });
        return NullChangeListener.Instance;
    }
}
