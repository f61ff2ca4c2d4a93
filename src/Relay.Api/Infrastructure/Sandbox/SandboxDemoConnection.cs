using Marten;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Relay.Api.Clients.AccountView;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Connections;
using Relay.Api.Infrastructure.Hosting;
using Relay.Domain.Orders;
using Relay.Simulators.AccountView;

namespace Relay.Api.Infrastructure.Sandbox;

/// <summary>
/// In sandbox mode, a connection "sandbox" links the simulated shop to the simulated AccountView, with
/// its webhooks registered, so an order placed through the shop's control API appears in AccountView
/// within seconds. The simulators forget everything on restart, so this runs at every start.
/// </summary>
public sealed partial class SandboxDemoConnection(
    IServer server, IHostApplicationLifetime lifetime, IDocumentStore store, AccountViewSimulator accountView, AccountViewTokens tokens,
    CcvShopClient ccv, IConfiguration configuration, TimeProvider clock, ILogger<SandboxDemoConnection> logger) : BackgroundService
{
    public const string Id = "sandbox";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lifetime.WhenStartedAsync(stoppingToken);
        // An in-memory test server has no address to reach: no demo there.
        var self = configuration["Relay:PublicBaseUrl"]?.TrimEnd('/')
                   ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))?
                       .Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1").Replace("+", "127.0.0.1").Replace("*", "127.0.0.1").TrimEnd('/');
        if (self is null) return;
        try
        {
            await EnsureAsync(self, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
        }
    }

    private async Task EnsureAsync(string self, CancellationToken ct)
    {
        ConnectionDocument connection;
        await using (var session = store.LightweightSession())
        {
            var existing = await session.LoadAsync<ConnectionDocument>(Id, ct);
            connection = existing ?? new ConnectionDocument
            {
                Id = Id,
                Name = "Sandbox: simulated CCV Shop and AccountView",
                WebhookSecret = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)),
                CcvShop = new CcvShopCredentials { BaseUrl = "", PublicKey = "", SecretKey = "" },
                Orders = new OrderFlowSettings(),
                CreatedAt = clock.GetUtcNow(),
            };
            // Stock in the sandbox follows the simulated AccountView every 15 s (a real connection switches it on itself).
            connection.Stock ??= new Relay.Domain.Stock.StockFlowSettings { PollSeconds = 15 };
            var options = accountView.Options;
            connection.CcvShop = new CcvShopCredentials { BaseUrl = $"{self}{SandboxSetup.Prefix}/ccvshop", PublicKey = "sandbox-public", SecretKey = "sandbox-secret" };
            connection.AccountView = new AccountViewCredentials
            {
                BaseUrl = $"{self}{SandboxSetup.Prefix}/accountview", ClientId = options.ClientId, ClientSecret = options.ClientSecret, CompanyId = options.Companies[0].Id,
            };
            session.Store(connection);
            if (existing is null)
                session.Record(connection, new Relay.Domain.Settings.ConnectionSettings(new OrderFlowSettings(), null, []), "created", "sandbox", clock, always: true);
            await session.SaveChangesAsync(ct);
        }
        await tokens.SaveRefreshTokenAsync(Id, accountView.Tokens.IssueRefreshToken(), ct);
        var shop = connection.ShopAccess();
        foreach (var @event in new[] { "orders.created", "orders.updated.status", "orders.updated.ispaid" })
            await ccv.RegisterWebhookAsync(shop, @event, $"{self}/webhooks/ccvshop/{Id}/{connection.WebhookSecret}/{@event}", ct);
        LogReady(logger, Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox connection '{ConnectionId}' links the simulated shop and AccountView; place an order at /sandbox/ccvshop/__control/orders")]
    private static partial void LogReady(ILogger logger, string connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sandbox connection could not be set up")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
