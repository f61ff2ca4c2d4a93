using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Relay.Simulators.AccountView;
using Relay.Simulators.CcvShop;

namespace Relay.Simulators;

/// <summary>Mounts the simulators in a host: Relay's sandbox, the standalone program, or a test's server.</summary>
public static class SimulatorSetup
{
    public static IServiceCollection AddSimulators(this IServiceCollection services, CcvShopOptions ccv, AccountViewOptions accountView,
        TimeProvider? clock = null, HttpMessageHandler? webhookHandler = null)
    {
        services.AddSingleton(sp => new CcvShopSimulator(ccv, clock ?? sp.GetService<TimeProvider>() ?? TimeProvider.System, webhookHandler));
        services.AddSingleton(sp => new AccountViewSimulator(accountView, clock ?? sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }

    /// <summary>CCV Shop at {prefix}/ccvshop/api/rest/v1 and AccountView at {prefix}/accountview/api/v3, each with its /__control.</summary>
    public static IEndpointRouteBuilder MapSimulators(this IEndpointRouteBuilder routes, string prefix = "")
    {
        routes.MapCcvShopApi($"{prefix}/ccvshop");
        routes.MapCcvShopControl($"{prefix}/ccvshop");
        routes.MapCcvShopFiles($"{prefix}/ccvshop");
        routes.MapAccountViewApi($"{prefix}/accountview");
        routes.MapAccountViewControl($"{prefix}/accountview");
        return routes;
    }
}
