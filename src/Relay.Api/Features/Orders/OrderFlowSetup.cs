namespace Relay.Api.Features.Orders;

public static class OrderFlowSetup
{
    /// <summary>The order flow: its runner and processor, the retry scheduler and the reconciliation poll (the subscription is registered with Marten).</summary>
    public static IServiceCollection AddOrderFlow(this IServiceCollection services)
    {
        services.AddSingleton<ShopOrderReader>();
        services.AddSingleton<OrderProcessor>();
        services.AddSingleton<OrderWorkRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<OrderWorkRunner>());
        services.AddSingleton<OrderRetryScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<OrderRetryScheduler>());
        services.AddSingleton<OrderReconciliation>();
        services.AddHostedService(sp => sp.GetRequiredService<OrderReconciliation>());
        return services;
    }
}
