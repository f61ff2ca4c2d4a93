using Relay.Api.Infrastructure.Caching;

namespace Relay.Api.Features.Stock;

public static class StockFlowSetup
{
    /// <summary>The stock flow: the shop's SKU index, the writer (run by StockWrites messages on the stock lane),
    /// one poll, and the poller that schedules polls.</summary>
    public static IServiceCollection AddStockFlow(this IServiceCollection services)
    {
        services.AddRelayMemory();
        services.AddSingleton<ShopSkuIndex>();
        services.AddSingleton<ShopStockWrite>();
        services.AddSingleton<StockWriter>();
        services.AddSingleton<StockPoll>();
        services.AddSingleton<StockPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<StockPoller>());
        return services;
    }
}
