using Relay.Api.Features.Customers;
using Relay.Api.Features.Orders;
using Relay.Api.Features.Products;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.WorkItems;

/// <summary>
/// Runs the work the subscription hands over (orders, products, categories, customers), outside the
/// daemon's page: a slow shop or AccountView holds up only its own connection's work, never the page (and
/// so never another connection). At most <see cref="PerConnection"/> orders of one connection, and
/// <see cref="CataloguePerConnection"/> of its product and customer work in a lane of its own (an import
/// never holds up orders), and <see cref="Total"/> in all run at once; an item named again while it runs
/// is run once more afterwards, never twice at the same time.
/// Work that was handed over but not finished when Relay stopped is still pending in its work item;
/// the <see cref="RetryScheduler"/> resumes it.
/// </summary>
public sealed class WorkRunner(IServiceProvider services, TimeProvider clock, ILogger<WorkRunner> logger) : IHostedService
{
    /// <summary>Orders of one connection at once: AccountView and the shop pace a connection's calls anyway.</summary>
    public const int PerConnection = 32;

    /// <summary>
    /// Products and customers of one connection at once: an import queues thousands, which wait their turn
    /// here rather than for the shop's rate limit inside an attempt's budget.
    /// </summary>
    public const int CataloguePerConnection = 8;

    /// <summary>
    /// Orders at once in this process. Most of an order's time is waiting on AccountView (six to eight
    /// calls), so this is well above the core count.
    /// </summary>
    public const int Total = 128;

    /// <summary>The longest one order attempt may take: past it, it is recorded as a temporary failure and retried on schedule.</summary>
    public static readonly TimeSpan AttemptBudget = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The longest a product or customer attempt may take: a variant product is a dozen calls to the shop,
    /// each of which may wait for its rate-limit minute (ccvshop-api.md §2.6).
    /// </summary>
    public static readonly TimeSpan CatalogueBudget = TimeSpan.FromMinutes(10);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Run> _runs = [];
    private readonly Dictionary<string, SemaphoreSlim> _lanes = [];
    private readonly SemaphoreSlim _total = new(Total, Total);
    private readonly CancellationTokenSource _draining = new(); // no new attempts start
    private readonly CancellationTokenSource _stopping = new(); // attempts under way are cut off

    // The processors need the document store, which may still be being built when this is created.
    private IWorkProcessor? ProcessorFor(string key) => WorkKey.KindOf(key) switch
    {
        "order" => services.GetRequiredService<OrderProcessor>(),
        "product" or "category" or "article" => services.GetRequiredService<CatalogueProcessor>(),
        "customer" => services.GetRequiredService<CustomerProcessor>(),
        _ => null, // stock has a writer of its own
    };

    /// <summary>Queues an order's work; returns at once.</summary>
    public void Enqueue(string key)
    {
        Run run;
        lock (_gate)
        {
            if (_draining.IsCancellationRequested) return;
            if (_runs.TryGetValue(key, out var existing))
            {
                existing.Again = true;
                return;
            }
            var orders = WorkKey.KindOf(key) == "order";
            var lane = $"{WorkKey.ConnectionOf(key)}|{(orders ? "orders" : "catalogue")}";
            var size = orders ? PerConnection : CataloguePerConnection;
            if (!_lanes.TryGetValue(lane, out var slots)) _lanes[lane] = slots = new SemaphoreSlim(size, size);
            _runs[key] = run = new Run(key, slots);
        }
        run.Task = Task.Run(() => RunAsync(run));
    }

    /// <summary>Whether the order is queued or running here (the scheduler leaves such work alone).</summary>
    public bool Holds(string key)
    {
        lock (_gate) return _runs.ContainsKey(key);
    }

    /// <summary>How many orders are queued or running.</summary>
    public int Pending
    {
        get { lock (_gate) return _runs.Count; }
    }

    private async Task RunAsync(Run run)
    {
        var draining = _draining.Token;
        var stopping = _stopping.Token;
        try
        {
            while (true)
            {
                await run.Slots.WaitAsync(draining);
                try
                {
                    await _total.WaitAsync(draining);
                    try
                    {
                        await RunOnceAsync(run.Key, stopping);
                    }
                    finally
                    {
                        _total.Release();
                    }
                }
                finally
                {
                    run.Slots.Release();
                }
                lock (_gate)
                {
                    if (!run.Again) break;
                    run.Again = false;
                }
            }
        }
        catch (OperationCanceledException) when (draining.IsCancellationRequested)
        {
            // Relay is stopping: the work item stays pending and is resumed at the next start.
        }
        finally
        {
            lock (_gate) _runs.Remove(run.Key);
        }
    }

    private async Task RunOnceAsync(string key, CancellationToken stopping)
    {
        if (ProcessorFor(key) is not { } processor) return;
        var limit = WorkKey.KindOf(key) == "order" ? AttemptBudget : CatalogueBudget;
        using var budget = new CancellationTokenSource(limit, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, budget.Token);
        try
        {
            await processor.ProcessAsync(key, linked.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            await processor.RecordCrashAsync(key, new TimeoutException($"The attempt took longer than {limit.TotalSeconds:0} s."), stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One order's unexpected error must not stop the others; it is recorded as a failure.
            WorkLog.Crashed(logger, key, e);
            await processor.RecordCrashAsync(key, e, stopping);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Starts nothing new, lets running orders finish while the host allows, then cuts them off (they stay pending).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _draining.CancelAsync();
        Task[] running;
        lock (_gate) running = _runs.Values.Select(r => r.Task).OfType<Task>().ToArray();
        try
        {
            await Task.WhenAll(running).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown time is up.
        }
        finally
        {
            await _stopping.CancelAsync();
        }
    }

    private sealed class Run(string key, SemaphoreSlim slots)
    {
        public string Key { get; } = key;
        public SemaphoreSlim Slots { get; } = slots;
        public bool Again { get; set; }
        public Task? Task { get; set; }
    }
}
