using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Relay.Simulators.AccountView;
using Relay.Simulators.CcvShop;

namespace Relay.Simulators;

/// <summary>
/// The simulators on their own: dotnet run --project src/Relay.Simulators -- --urls http://127.0.0.1:5100
/// CCV Shop answers at /ccvshop/api/rest/v1, AccountView at /accountview/api/v3; settings under
/// Simulators:CcvShop and Simulators:AccountView (e.g. --Simulators:CcvShop:ReadsPerMinute=10).
/// </summary>
public static class SimulatorProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var ccv = builder.Configuration.GetSection("Simulators:CcvShop").Get<CcvShopOptions>() ?? new();
        var accountView = builder.Configuration.GetSection("Simulators:AccountView").Get<AccountViewOptions>() ?? new();
        builder.Services.AddSimulators(ccv, accountView);
        var app = builder.Build();
        app.MapSimulators();
        app.MapGet("/", () => "Relay simulators: CCV Shop at /ccvshop/api/rest/v1, AccountView at /accountview/api/v3, control APIs at /ccvshop/__control and /accountview/__control.");
        await app.RunAsync();
    }
}
