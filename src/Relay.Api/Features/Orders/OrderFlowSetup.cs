using Relay.Api.Infrastructure.Caching;

namespace Relay.Api.Features.Orders;

public static class OrderFlowSetup
{
    /// <summary>The order flow: its processor (run by <see cref="OrderWorkHandler"/>) and the reconciliation
    /// poll.</summary>
    public static IServiceCollection AddOrderFlow(this IServiceCollection services)
    {
        services.AddRelayMemory();
        services.AddSingleton<ShopOrderReader>();
        services.AddSingleton<OrderProcessor>();
        services.AddSingleton<OrderReconciliation>();
        services.AddHostedService(sp => sp.GetRequiredService<OrderReconciliation>());
        return services;
    }
}
