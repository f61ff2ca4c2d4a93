using Relay.Api.Clients.AccountView;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Connections;

namespace Relay.Api.Clients;

public static class ClientSetup
{
    /// <summary>The typed clients for CCV Shop and AccountView, and the connection check, code check and data dictionary built on them.</summary>
    public static WebApplicationBuilder AddRelayClients(this WebApplicationBuilder builder)
    {
        builder.Services.AddTransient<OutboundCallLog>();
        builder.Services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler<OutboundCallLog>()); // outermost: one line a call
        builder.Services.AddCcvShopClient(builder.Configuration);
        builder.Services.AddAccountViewClient(builder.Configuration);
        builder.Services.AddScoped<ConnectionChecker>();
        builder.Services.AddScoped<SettingsCodes>();
        builder.Services.AddSingleton<AdministrationDictionary>();
        return builder;
    }
}
