using Relay.Simulators;
using Relay.Simulators.AccountView;
using Relay.Simulators.CcvShop;

namespace Relay.Api.Infrastructure.Sandbox;

/// <summary>
/// Sandbox mode: the CCV Shop and AccountView simulators served by Relay itself under /sandbox, so a
/// newcomer can try Relay without credentials. On by default; switch it off (Relay:Sandbox:Enabled=false)
/// where Relay talks to real shops.
/// </summary>
public static class SandboxSetup
{
    public const string Prefix = "/sandbox";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("Relay:Sandbox:Enabled", true);

    public static WebApplicationBuilder AddSandbox(this WebApplicationBuilder builder)
    {
        if (!IsEnabled(builder.Configuration)) return builder;
        var ccv = builder.Configuration.GetSection("Relay:Sandbox:CcvShop").Get<CcvShopOptions>() ?? new();
        var accountView = builder.Configuration.GetSection("Relay:Sandbox:AccountView").Get<AccountViewOptions>() ?? new();
        builder.Services.AddSimulators(ccv, accountView);
        if (builder.Configuration.GetValue("Relay:Sandbox:DemoConnection", true)) builder.Services.AddHostedService<SandboxDemoConnection>();
        return builder;
    }

    public static WebApplication MapSandbox(this WebApplication app)
    {
        if (IsEnabled(app.Configuration)) app.MapSimulators(Prefix);
        return app;
    }
}
