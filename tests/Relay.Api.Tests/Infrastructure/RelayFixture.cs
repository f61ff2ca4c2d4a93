using Alba;
using Marten;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Relay.Api.Clients.AccountView;
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
            new AccountViewOptions { SeedArticles = Catalogue }, _clock, toRelay);
        Host = await AlbaHost.For<Program>(web =>
        {
            web.UseSetting("ConnectionStrings:Relay", connectionString);
            web.UseSetting("Relay:Admin:ApiKey", AdminKey);
            web.UseSetting("Relay:Secrets:Key", SecretsKey);
            web.UseSetting("Relay:PublicBaseUrl", "http://relay.test");
            web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock));
        });
        toRelay.InnerHandler = Host.Server.CreateHandler();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Simulators.DisposeAsync();
    }

    public async Task ResetAsync()
    {
        // The last test's stock writes stop first: they would write into the re-seeded simulators.
        // The last test's stock work stops first: it would write into the re-seeded simulators. It may be waiting
        // on the fake clock (a back-off after a fault), so the clock moves until it is done.
        var poller = Host.Services.GetRequiredService<Relay.Api.Features.Stock.StockPoller>();
        var writer = Host.Services.GetRequiredService<Relay.Api.Features.Stock.StockWriter>();
        // Orders still running (a retry waiting on the clock) would call the shop during the next test. They
        // finish first: moving the clock for them can start a stock poll, which the wait below then sees out.
        var orders = Host.Services.GetRequiredService<Relay.Api.Features.WorkItems.WorkRunner>();
        // An import still reading would queue its work after the runner is seen out: it finishes first.
        await ClockPump.RunAsync(() => _clock, Host.Services.GetRequiredService<Relay.Api.Features.Products.CatalogueImports>().WhenIdleAsync(), TimeSpan.FromSeconds(1));
        await ClockPump.RunAsync(() => _clock,
            Eventually.WaitAsync(() => orders.Pending == 0, TimeSpan.FromSeconds(30), () => $"{orders.Pending} orders still running"), TimeSpan.FromSeconds(30));
        await ClockPump.RunAsync(() => _clock, Task.WhenAll(poller.WhenIdleAsync(), writer.DropAsync()), TimeSpan.FromSeconds(30));
        await ClockPump.RunAsync(() => _clock, Host.Services.GetRequiredService<Relay.Api.Features.Products.CataloguePoller>().WhenIdleAsync(), TimeSpan.FromSeconds(30));
        Host.Services.GetRequiredService<Relay.Api.Features.Products.ShopCatalogue>().Forget();
        Host.Services.GetRequiredService<Relay.Api.Features.Products.ShopProductSnapshots>().Forget();
        Host.Services.GetRequiredService<Relay.Api.Features.Products.ArticleGroups>().Forget();
        _clock.Reset();
        // The clock shows the same minute again: Relay's count of calls in it starts over, as the shop's does.
        Host.Services.GetRequiredService<Relay.Api.Clients.CcvShop.CcvRateLimiter>().Reset();
        Simulators.CcvShop.Reset();
        Simulators.AccountView.Reset();
        Host.Services.GetRequiredService<AccountViewTokens>().ForgetCachedTokens();
        Host.Services.GetRequiredService<Relay.Api.Features.Stock.ShopSkuIndex>().ForgetAll(); // the shop's products were re-seeded
        // Background work of the last test (a poll, an order) may still be writing while everything is deleted.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Host.ResetAllMartenDataAsync();
                return;
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
            }
        }
    }

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();
}

[CollectionDefinition(Name)]
public sealed class RelayCollection : ICollectionFixture<RelayFixture>
{
    public const string Name = "relay";
}

/// <summary>A handler whose destination is set once the in-memory server exists.</summary>
public sealed class ForwardingHandler : DelegatingHandler;
