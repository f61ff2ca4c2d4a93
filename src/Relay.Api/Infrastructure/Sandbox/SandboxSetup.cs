using Relay.Simulators;
using Relay.Simulators.AccountView;
using Relay.Simulators.CcvShop;

namespace Relay.Api.Infrastructure.Sandbox;

/// <summary>
/// Sandbox mode: the CCV Shop and AccountView simulators served by Relay itself under /sandbox, so a
/// newcomer can try Relay without credentials. On only when asked: Relay:Sandbox:Enabled=true, the --sandbox
/// argument, or the Development environment (which `dotnet run` uses). Otherwise (production, the container)
/// no /sandbox route exists: the simulators' control API is anonymous.
/// </summary>
public static class SandboxSetup
{
    public const string Prefix = "/sandbox";

    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment, bool asked) =>
        configuration.GetValue<bool?>("Relay:Sandbox:Enabled") ?? (asked || environment.IsDevelopment());

    /// <param name="asked">Whether Relay was started with --sandbox.</param>
    public static WebApplicationBuilder AddSandbox(this WebApplicationBuilder builder, bool asked)
    {
        var enabled = IsEnabled(builder.Configuration, builder.Environment, asked);
        // decided once, for MapSandbox and the demo
        builder.Configuration["Relay:Sandbox:Enabled"] = enabled ? "true" : "false";
        if (!enabled) return builder;
        var ccv = builder.Configuration.GetSection("Relay:Sandbox:CcvShop").Get<CcvShopOptions>() ?? new();
        var accountView = builder.Configuration.GetSection("Relay:Sandbox:AccountView").Get<AccountViewOptions>() ?? new();
        builder.Services.AddSimulators(ccv, accountView);
        if (builder.Configuration.GetValue("Relay:Sandbox:DemoConnection", true)) builder.Services.AddHostedService<SandboxDemoConnection>();
        return builder;
    }

    public static WebApplication MapSandbox(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>("Relay:Sandbox:Enabled")) app.MapSimulators(Prefix);
        return app;
    }
}
