using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using Relay.Api.Clients.AccountView;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Orders;
using Relay.Domain.Orders;
using Relay.Domain.Stock;
using Relay.Api.Features.Stock;
using Relay.Api.Features.PersonalData;
using Relay.Api.Features.WorkItems;
using Wolverine.Marten;
using Relay.Api.Infrastructure.Secrets;
using Relay.Domain.WorkItems;
using Weasel.Core;

namespace Relay.Api.Infrastructure.Database;

public static class StorageSetup
{
    /// <summary>
    /// PostgreSQL through Marten. Without ConnectionStrings:Relay, Relay starts its own private
    /// PostgreSQL first (see <see cref="EmbeddedPostgres"/>) and stops it on shutdown.
    /// </summary>
    public static WebApplicationBuilder AddRelayStorage(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Relay");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var options = builder.Configuration.GetSection(EmbeddedPostgresOptions.Section).Get<EmbeddedPostgresOptions>() ?? new();
            using var loggerFactory = LoggerFactory.Create(l => l.AddConsole());
            var embedded = EmbeddedPostgres.StartAsync(options, loggerFactory.CreateLogger<EmbeddedPostgres>()).GetAwaiter().GetResult();
            builder.Services.AddSingleton(embedded);
            // Registered before Marten, so it is stopped after Marten's own background services.
            builder.Services.AddHostedService<EmbeddedPostgresLifetime>();
            connectionString = embedded.ConnectionString;
        }

        var secrets = SecretBox.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(secrets);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(Pooled(connectionString)));
        builder.Services.AddSingleton<IConfigureMarten, MartenLog>(); // lost races quiet, other failures errors
        builder.Services.AddMarten(opts => ConfigureMarten(opts, secrets))
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            // Work messages commit with the events that make them (Wolverine's outbox); see ProcessingSetup.
            .IntegrateWithWolverine(wolverine => wolverine.MessageStorageSchemaName = "relay");
        return builder;
    }

    /// <summary>
    /// Relay's statements are few and the same every time: prepared after a few uses (Max Auto Prepare), and its
    /// pooled connections kept as they are between uses, without the reset at every checkout (No Reset On Close),
    /// which cost the most per order (spread benchmark, p50 3.7 s with it, 0.22 s without). Relay keeps no session
    /// state on pooled connections (its advisory locks live on a session of their own). A library's lock left on a
    /// pooled connection (Wolverine lets go of its leader lock with a timeout) ends with the connection, which
    /// lives at most a minute (Connection Lifetime). The pool is small on purpose (Max Pool Size 30): the intake's
    /// group commit writes with a few connections whatever the load, and work holds one only for a statement, so
    /// three replicas fit PostgreSQL's default of 100 connections. An operator's own values win.
    /// </summary>
    public const int MaxPoolSize = 30;

    public static string Pooled(string connectionString)
    {
        // Npgsql's builder knows every keyword; the plain one holds only those given.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var pooled = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("MaxAutoPrepare")) pooled.MaxAutoPrepare = 64;
        if (!given.Contains("NoResetOnClose")) pooled.NoResetOnClose = true;
        if (!given.Contains("ConnectionLifetime")) pooled.ConnectionLifetime = 60;
        if (!given.Contains("MaxPoolSize") && !given.Contains("MaximumPoolSize")) pooled.MaxPoolSize = MaxPoolSize;
        return pooled.ConnectionString;
    }

    private static void ConfigureMarten(StoreOptions opts, SecretBox secrets)
    {
        opts.DatabaseSchemaName = "relay";
        opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, configure: json => SealedJson.Apply(json, secrets));
        opts.Events.StreamIdentity = StreamIdentity.AsString;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.HeadersEnabled = true; // the trace id of each event (Telemetry/EventTraces)

        opts.Events.AddEventType<WebhookReceived>();
        opts.Events.AddEventTypes([typeof(OrderFoundByPoll), typeof(ReplayRequested), typeof(RetryDue), typeof(WorkResumed), typeof(OrderDecided),
            typeof(OrderSent), typeof(OrderSkipped), typeof(OrderFailed)]);
        opts.Events.AddEventTypes([typeof(StockChanged), typeof(StockWritten), typeof(StockSkipped), typeof(StockWriteFailed)]);
        opts.Events.AddEventTypes([typeof(Relay.Domain.Products.CatalogueWorkQueued), typeof(Relay.Domain.Products.CatalogueSynced),
            typeof(Relay.Domain.Products.CatalogueSkipped), typeof(Relay.Domain.Products.CatalogueFailed)]);
        PersonalDataSetup.Configure(opts);
        opts.Projections.Add<WorkItemProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<WorkItem>()
            .Index(x => x.ConnectionId)
            .Index(x => x.Status) // parked and waiting work is found by connection and status
            .Index(x => x.ReceivedAt)
            .Index(x => x.NextAttemptAt)
            .Index(x => x.UpdatedAt); // the retention sweep looks for work not changed for a while
        // Versioned: two admins saving at once cannot overwrite each other unnoticed (ConnectionVersions, ETag /
        // If-Match).
        opts.Schema.For<ConnectionDocument>().Index(x => x.TenantId).UseOptimisticConcurrency(true);
        opts.Schema.For<Relay.Api.Features.Tenants.TenantDocument>();
        opts.Schema.For<AuthorizationStateDocument>();
        opts.Schema.For<Relay.Api.Dashboard.Access.DashboardKeyDocument>();
        opts.Schema.For<AccountViewFieldsDocument>();
        opts.Schema.For<Relay.Api.Features.Tenants.ApiKeyDocument>().UniqueIndex(x => x.Hash).Index(x => x.TenantId);
        opts.Events.AddEventType<Relay.Domain.Settings.SettingsChanged>();
        opts.Projections.Add<StockItemProjection>(ProjectionLifecycle.Inline);
        // The pending sweep asks for a connection's unwritten figures at every poll: indexed, so it costs what is pending.
        opts.Schema.For<StockItem>().Index(x => x.ConnectionId).Index(x => x.Pending);
        opts.Schema.For<StockPollState>();
        opts.Schema.For<Relay.Api.Features.Products.CatalogueState>();
        opts.Schema.For<Relay.Api.Features.Products.CatalogueImportDocument>().Index(x => x.ConnectionId);
        opts.Schema.For<Relay.Api.Features.Products.ProductLinkDocument>();
        opts.Schema.For<Relay.Api.Features.Products.ArticleFingerprints>();
        opts.Schema.For<AccountViewTokenDocument>().UseOptimisticConcurrency(true);
        opts.Schema.For<Relay.Api.Features.Alerts.AlertDocument>().Index(x => x.ConnectionId);
        opts.Schema.For<Relay.Api.Features.Alerts.AlertNoticeDocument>().Index(x => x.ConnectionId);
        opts.Schema.For<Relay.Api.Clients.SystemContactDocument>();
        opts.Schema.For<Relay.Api.Features.OrderStatus.RelayOrderDocument>();
        opts.Schema.For<Relay.Api.Features.OrderStatus.SalesOrderPollState>();
        opts.Schema.For<Relay.Api.Features.OrdersFromAccountView.ShopOrderFromAccountViewDocument>();
        opts.Storage.ExtendedSchemaObjects.Add(Relay.Api.Clients.CcvShop.CcvRateLimiter.Windows);
    }

    private sealed class EmbeddedPostgresLifetime(EmbeddedPostgres postgres) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => postgres.StopAsync();
    }
}
