using Relay.Api.Clients.AccountView;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Connections;

namespace Relay.Api.Clients;

public static class ClientSetup
{
    /// <summary>The typed clients for CCV Shop and AccountView, and the connection check, code check and data
    /// dictionary built on them.</summary>
    public static WebApplicationBuilder AddRelayClients(this WebApplicationBuilder builder)
    {
        // Outermost handler of every client (added first): one line a call, failures tagged with the system they
        // came from.
        foreach (var name in new[] { CcvShopClient.HttpClientName, CcvShopClient.FilesClientName,
            AccountViewClient.HttpClientName,
                     AccountViewTokens.HttpClientName })
            builder.Services.AddHttpClient(name).AddHttpMessageHandler(services =>
                new OutboundCallLog(services.GetRequiredService<ILogger<OutboundCallLog>>(), name,
                    services.GetService<Infrastructure.Telemetry.RelayMetrics>()));
        // Next to it on the two API clients: how each call went, for the alerts.
        builder.Services.AddSingleton<SystemContacts>();
        builder.Services.AddTransient<SystemContactHandler>();
        foreach (var name in new[] { CcvShopClient.HttpClientName, AccountViewClient.HttpClientName })
            builder.Services.AddHttpClient(name).AddHttpMessageHandler<SystemContactHandler>();
        builder.Services.AddCcvShopClient(builder.Configuration);
        builder.Services.AddAccountViewClient(builder.Configuration);
        builder.Services.AddScoped<ConnectionChecker>();
        builder.Services.AddScoped<SettingsCodes>();
        builder.Services.AddSingleton<AdministrationDictionary>();
        return builder;
    }
}
