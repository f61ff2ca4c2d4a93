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
        Simulators = await SimulatorHost.StartAsync(new CcvShopOptions { SeedOrders = 0, WebhookRetryDelay = TimeSpan.FromMilliseconds(20) },
            new AccountViewOptions(), _clock, toRelay);
        Host = await AlbaHost.For<Program>(web =>
        {
            web.UseSetting("ConnectionStrings:Relay", connectionString);
            web.UseSetting("Relay:Admin:ApiKey", AdminKey);
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

    public Task ResetAsync()
    {
        _clock.Reset();
        Simulators.CcvShop.Reset();
        Simulators.AccountView.Reset();
        Host.Services.GetRequiredService<AccountViewTokens>().ForgetCachedTokens();
        return Host.ResetAllMartenDataAsync();
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
