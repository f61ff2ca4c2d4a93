using Alba;
using Marten;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Trace;
using Relay.Api.Infrastructure.Caching;
using Relay.Api.Infrastructure.Telemetry;
using Relay.Simulators;
using Relay.Simulators.AccountView;
using Relay.Simulators.CcvShop;

namespace Relay.Api.Tests.Infrastructure;

/// <summary>One Relay host for the API test collection: the real Program, real PostgreSQL, a fake clock.</summary>
public sealed class RelayFixture : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-0123456789";
    public const int Catalogue = 1000;

    /// <summary>The key credentials are sealed with at rest (base64 of 32 bytes; a test value).</summary>
    public const string SecretsKey = "dGVzdC1zZWNyZXRzLWtleS0wMTIzNDU2Nzg5YWJjZGU=";

    public IAlbaHost Host { get; private set; } = null!;

    /// <summary>What the host logs, through its own configuration's filters.</summary>
    public LogSink Logs { get; } = new();

    /// <summary>The spans the host traced: Relay's tracing with an in-memory exporter in place of OTLP.</summary>
    public SpanSink Spans { get; } = new();

    /// <summary>The simulated administrations: one with only the evidenced fields (the default), one with more (§3.7).</summary>
    public static readonly Company Standard = new("sandbox-company", "Sandbox Webwinkel BV", "SANDBOX");
    public static readonly Company Extended = new("extended-company", "Uitgebreid BV", "UITGEBREID", CompanyProfile.Extended);

    /// <summary>CCV Shop and AccountView simulators on a real loopback port, on the same fake clock.</summary>
    public SimulatorHost Simulators { get; private set; } = null!;
    private readonly TestClock _clock = new();

    /// <summary>The fake clock; <see cref="ResetAsync"/> shows it at <see cref="TestClock.Start"/> again.</summary>
    public TestClock Clock => _clock;

    public async Task InitializeAsync()
    {
        var connectionString = await TestDatabase.ConnectionStringAsync();
        // The simulated shop delivers webhooks to the in-memory Relay host through this handler.
        var toRelay = new ForwardingHandler();
        // A catalogue of 1,000 (1,400 SKUs with the variants), so the stock flow can be tested with a burst of 1,000 changes.
        Simulators = await SimulatorHost.StartAsync(new CcvShopOptions { SeedOrders = 0, SeedProducts = Catalogue, WebhookRetryDelay = TimeSpan.FromMilliseconds(20) },
            new AccountViewOptions { SeedArticles = Catalogue, Companies = [Standard, Extended] }, _clock, toRelay);
        Host = await AlbaHost.For<Program>(web =>
        {
            web.UseSetting("ConnectionStrings:Relay", connectionString);
            web.UseSetting("Relay:Admin:ApiKey", AdminKey);
            web.UseSetting("Relay:Secrets:Key", SecretsKey);
            web.UseSetting("Relay:PublicBaseUrl", "http://relay.test");
            // The sandbox's simulators are served (Development), but its demo connection would race each test's reset.
            web.UseSetting("Relay:Sandbox:DemoConnection", "false");
            web.UseSetting("Logging:LogLevel:Relay.Api.Clients.OutboundCallLog", "Debug"); // counted by the logging tests
            web.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(_clock);
                services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
                services.AddRelayOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(Spans));
            });
        });
        toRelay.InnerHandler = Host.Server.CreateHandler();
        // Wolverine's leader places the connection shards a moment after the start: a test that polls by hand
        // at once would be told another replica owns the connection.
        var shards = Host.Services.GetRequiredService<Relay.Api.Infrastructure.Processing.ConnectionShards>();
        var oneInEachShard = Enumerable.Range(0, 1000).Select(i => $"connection-{i}")
            .DistinctBy(Relay.Api.Infrastructure.Processing.ConnectionShards.ShardOf).ToList();
        await Eventually.WaitAsync(() => oneInEachShard.All(shards.Owns), TimeSpan.FromSeconds(60),
            () => "the connection shards were not all started here");
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Simulators.DisposeAsync();
    }

    public async Task ResetAsync()
    {
        // The last test's background work is seen out first: it would write into the re-seeded simulators or
        // the emptied database. Each wait may move the clock (a back-off, a rate-limit minute), and moving it
        // can start other work (a stock poll, a catalogue scan, a retry), so the waits repeat until all of it
        // is idle at once. After that nothing moves the clock, so nothing new starts.
        var imports = Host.Services.GetRequiredService<Relay.Api.Features.Products.CatalogueImports>();
        var catalogue = Host.Services.GetRequiredService<Relay.Api.Features.Products.CataloguePoller>();
        var poller = Host.Services.GetRequiredService<Relay.Api.Features.Stock.StockPoller>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        await SwitchStockOffAsync(); // a backlog of stock writes stops at its next SKU, and no poll starts
        do
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Background work did not settle: {WorkInFlight()} work messages, scanning {catalogue.Scanning}, polling {poller.Polling}.");
            await Task.Delay(10); // a poller may be deciding what to start: looked at again shortly, like Eventually
            await ClockPump.RunAsync(() => _clock, imports.WhenIdleAsync(), TimeSpan.FromSeconds(1));
            await ClockPump.RunAsync(() => _clock, catalogue.WhenIdleAsync(), TimeSpan.FromSeconds(5));
            await ClockPump.RunAsync(() => _clock,
                Eventually.WaitAsync(() => WorkInFlight() == 0, TimeSpan.FromSeconds(30), () => $"{WorkInFlight()} work messages still queued or running"), TimeSpan.FromSeconds(30));
            await ClockPump.RunAsync(() => _clock, poller.WhenIdleAsync(), TimeSpan.FromSeconds(30));
        }
        while (!(imports.Idle && !catalogue.Scanning && WorkInFlight() == 0 && !poller.Polling));
        // Scheduled messages of the last test (retries, probes) stay: a retry finds its item gone or moved on and
        // does nothing, as a stale retry does in production; a probe carries on if the next test has waiting work.
        _clock.Reset();
        Spans.Clear();
        // The clock shows the same minute again: Relay's count of calls in it starts over, as the shop's does.
        await using (var windows = Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>()
            .CreateCommand("truncate relay.ccv_call_windows"))
            await windows.ExecuteNonQueryAsync();
        Simulators.CcvShop.Reset();
        Simulators.AccountView.Reset();
        // The simulators were re-seeded: what Relay remembers of them (lists, SKU index, tokens) goes, as at a
        // restart.
        ((MemoryCache)Host.Services.GetRequiredKeyedService<IMemoryCache>(RelayMemory.Key)).Clear();
        Host.Services.GetRequiredService<Relay.Api.Clients.SystemContacts>().Forget();
        // Background work of the last test (a poll, an order) may still be writing while everything is deleted.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Host.ResetAllMartenDataAsync();
                // Again after the wipe: a call in between may have read the last test's observations back in.
                Host.Services.GetRequiredService<Relay.Api.Clients.SystemContacts>().Forget();
                return;
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
            }
        }
    }

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    private async Task SwitchStockOffAsync()
    {
        await using var session = Store.LightweightSession();
        var connections = await session.Query<Relay.Api.Features.Connections.ConnectionDocument>().ToListAsync();
        foreach (var connection in connections.Where(c => c.Stock is { Enabled: true }))
        {
            connection.Stock = connection.Stock! with { Enabled = false };
            session.Update(connection);
        }
        await session.SaveChangesAsync();
    }

    /// <summary>Work messages queued or running: in Wolverine's durable inbox and not handled yet (scheduled ones aside).</summary>
    public int WorkInFlight()
    {
        using var command = Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>()
            .CreateCommand("select count(*) from relay.wolverine_incoming_envelopes where status = 'Incoming'");
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

[CollectionDefinition(Name)]
public sealed class RelayCollection : ICollectionFixture<RelayFixture>
{
    public const string Name = "relay";
}

/// <summary>A handler whose destination is set once the in-memory server exists.</summary>
public sealed class ForwardingHandler : DelegatingHandler;
