using Relay.Api.Features.Customers;
using Relay.Api.Infrastructure.Caching;

namespace Relay.Api.Features.Products;

public static class ProductFlowSetup
{
    /// <summary>The product, category and customer flows: their processors, the shop and group steps, the scanner and its poller.</summary>
    public static IServiceCollection AddProductAndCustomerFlows(this IServiceCollection services)
    {
        services.AddRelayMemory();
        services.AddSingleton<ShopCatalogue>();
        services.AddSingleton<ShopProductSnapshots>();
        services.AddSingleton<ArticleGroups>();
        services.AddSingleton<ShopProductSync>();
        services.AddSingleton<ArticleSync>();
        services.AddSingleton<CatalogueProcessor>();
        services.AddSingleton<CustomerProcessor>();
        services.AddSingleton<CatalogueScanner>();
        services.AddSingleton<CatalogueImports>();
        services.AddHostedService(sp => sp.GetRequiredService<CatalogueImports>());
        services.AddSingleton<CataloguePoller>();
        services.AddHostedService(sp => sp.GetRequiredService<CataloguePoller>());
        return services;
    }
}
