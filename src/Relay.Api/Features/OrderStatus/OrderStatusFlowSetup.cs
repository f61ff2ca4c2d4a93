namespace Relay.Api.Features.OrderStatus;

public static class OrderStatusFlowSetup
{
    /// <summary>The flows back to the shop: the sales-order poll and its poller, the order-status processor (run by
    /// <see cref="OrderStatusWork"/>) and the orders-from-AccountView processor.</summary>
    public static IServiceCollection AddOrdersBackFlows(this IServiceCollection services)
    {
        services.AddSingleton<SalesOrderPoll>();
        services.AddSingleton<SalesOrderPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<SalesOrderPoller>());
        services.AddSingleton<OrderStatusProcessor>();
        services.AddSingleton<OrdersFromAccountView.SalesOrderProcessor>();
        return services;
    }
}
