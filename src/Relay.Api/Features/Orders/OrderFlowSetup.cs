using Relay.Api.Features.WorkItems;

namespace Relay.Api.Features.Orders;

public static class OrderFlowSetup
{
    /// <summary>The order flow: its runner and processor, the retry scheduler and the reconciliation poll (the subscription is registered with Marten).</summary>
    public static IServiceCollection AddOrderFlow(this IServiceCollection services)
    {
        services.AddSingleton<ShopOrderReader>();
        services.AddSingleton<Customers.CustomerLocks>();
        services.AddSingleton<OrderProcessor>();
        services.AddSingleton<WorkRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkRunner>());
        services.AddSingleton<RetryScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<RetryScheduler>());
        services.AddSingleton<OrderReconciliation>();
        services.AddHostedService(sp => sp.GetRequiredService<OrderReconciliation>());
        return services;
    }
}
