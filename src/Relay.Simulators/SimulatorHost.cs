using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Relay.Simulators.AccountView;
using Relay.Simulators.CcvShop;

namespace Relay.Simulators;

/// <summary>Both simulators on a real loopback port, as tests and benchmarks start them.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }
    public string CcvShopUrl => $"{BaseUrl}/ccvshop";
    public string AccountViewUrl => $"{BaseUrl}/accountview";
    public CcvShopSimulator CcvShop => _app.Services.GetRequiredService<CcvShopSimulator>();
    public AccountViewSimulator AccountView => _app.Services.GetRequiredService<AccountViewSimulator>();

    public static async Task<SimulatorHost> StartAsync(CcvShopOptions? ccv = null, AccountViewOptions? accountView = null,
        TimeProvider? clock = null, HttpMessageHandler? webhookHandler = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddSimulators(ccv ?? new CcvShopOptions(), accountView ?? new AccountViewOptions(), clock, webhookHandler);
        var app = builder.Build();
        app.MapSimulators();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorHost(app, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
