using JasperFx;
using Relay.Api.Features.Customers;
using Relay.Api.Features.Orders;
using Relay.Api.Features.Products;
using Relay.Api.Features.Stock;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Agents;

namespace Relay.Api.Infrastructure.Processing;

/// <summary>
/// The work engine: Wolverine on Relay's own PostgreSQL (its inbox and outbox tables sit beside Marten's, in the
/// same schema, and commit with Marten's sessions). Work runs on durable local queues, one per flow
/// (<see cref="Lanes"/>); scheduled work of a connection runs where its shard runs (<see cref="ConnectionShards"/>).
/// </summary>
public static class ProcessingSetup
{
    public const string Section = "Relay:Processing";

    /// <summary>
    /// On a PostgreSQL of its own (the embedded one, no connection string) no other replica can exist, so
    /// Wolverine's Solo mode (every agent here at once, no leader election) is the default; on a shared one,
    /// Balanced. Relay:Processing:Mode overrides it.
    /// </summary>
    public static WebApplicationBuilder AddRelayProcessing(this WebApplicationBuilder builder)
    {
        var alone = string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Relay"));
        var mode = builder.Configuration.GetValue($"{Section}:Mode",
            alone ? DurabilityMode.Solo : DurabilityMode.Balanced);
        builder.Services.AddSingleton<ClusterLocks>();
        builder.Services.AddSingleton<WorkRecovery>();
        builder.Services.AddSingleton<WorkAttempts>();
        builder.Services.AddSingleton<WorkQueue>();
        builder.Services.AddSingleton<ConnectionShards>();
        builder.Services.AddSingleton<IAgentFamily>(sp => sp.GetRequiredService<ConnectionShards>());
        builder.Services.AddWolverine(ExtensionDiscovery.ManualOnly, opts =>
        {
            opts.ApplicationAssembly = typeof(ProcessingSetup).Assembly;
            opts.ServiceName = "relay";
            opts.Durability.Mode = mode;
            opts.AutoBuildMessageStorageOnStartup = AutoCreate.CreateOrUpdate;
            // The handlers' adapters are generated ahead, in Internal/Generated (see the README): no Roslyn at
            // run time.
            opts.CodeGeneration.TypeLoadMode = JasperFx.CodeGeneration.TypeLoadMode.Static;
            // Handlers are named, not searched for: nothing else in Relay is taken for one.
            opts.Discovery.DisableConventionalDiscovery()
                .IncludeType(typeof(OrderWorkHandler))
                .IncludeType(typeof(CatalogueWorkHandler))
                .IncludeType(typeof(CustomerWorkHandler))
                .IncludeType(typeof(StockWritesHandler))
                .IncludeType(typeof(Features.OrderStatus.OrderStatusWorkHandler))
                .IncludeType(typeof(Features.OrdersFromAccountView.SalesOrderWorkHandler))
                .IncludeType(typeof(ConnectionProbeHandler));
            Route<OrderWork>(opts, Lanes.Orders);
            Route<CatalogueWork>(opts, Lanes.Catalogue);
            Route<CustomerWork>(opts, Lanes.Customers);
            Route<Features.OrderStatus.OrderStatusWork>(opts, Lanes.OrdersBack);
            Route<Features.OrdersFromAccountView.SalesOrderWork>(opts, Lanes.OrdersBack);
            Route<StockWrites>(opts, Lanes.Stock);
            Route<ProbeConnection>(opts, Lanes.Probes);
            // Work records its own failures; what gets past that is Relay's own storage failing (PostgreSQL gone,
            // the lock session broken). Such a message is tried again until it runs, never dead-lettered: its work
            // item would otherwise wait with no message to run it.
            opts.Policies.OnException<Exception>()
                .RetryWithCooldown(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5))
                .Then.ScheduleRetryIndefinitely(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1),
                    TimeSpan.FromMinutes(5));
            // Scheduled retries and messages of a dead replica are picked up within seconds, not minutes.
            opts.Durability.ScheduledJobFirstExecution = TimeSpan.FromMilliseconds(500);
            opts.Durability.ScheduledJobPollingTime = TimeSpan.FromSeconds(1);
            opts.Durability.FirstHealthCheckExecution = TimeSpan.FromMilliseconds(500);
            opts.Durability.HealthCheckPollingTime = TimeSpan.FromSeconds(2);
            opts.Durability.StaleNodeTimeout = TimeSpan.FromSeconds(8);
            opts.Durability.NodeReassignmentPollingTime = TimeSpan.FromSeconds(2);
            opts.Durability.CheckAssignmentPeriod = TimeSpan.FromSeconds(10);
            opts.Durability.LeaderColdStartHoldEvaluations = 0; // eight small agents: nothing to hold back for
        });
        return builder;
    }

    private static void Route<T>(WolverineOptions opts, Lanes.Lane lane)
    {
        opts.PublishMessage<T>().ToLocalQueue(lane.Name);
        opts.LocalQueue(lane.Name).UseDurableInbox().MaximumParallelMessages(lane.Parallel);
    }
}
