using Microsoft.Extensions.Http.Resilience;

namespace Relay.Api.Clients.CcvShop;

public static class CcvShopClientSetup
{
    /// <summary>
    /// The CCV Shop HttpClient: the rate limiter outermost (waiting for a slot is not a timeout), then
    /// resilience (one pipeline, so one circuit, per shop), then the signer for every attempt.
    /// </summary>
    public static IServiceCollection AddCcvShopClient(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(CcvShopClientOptions.Section).Get<CcvShopClientOptions>() ?? new();
        services.AddSingleton(options);
        services.AddSingleton<CcvRateLimiter>();
        services.AddSingleton<CcvTraffic>();
        services.AddTransient<CcvRateLimitHandler>();
        services.AddTransient<CcvSigningHandler>();
        services.AddSingleton<CcvShopClient>();
        services.AddHttpClient(CcvShopClient.HttpClientName).AddHttpMessageHandler<CcvRateLimitHandler>();
        services.AddHttpClient(CcvShopClient.HttpClientName)
            .AddResilienceHandler("ccvshop", (pipeline, context) =>
            {
                var limiter = context.ServiceProvider.GetRequiredService<CcvRateLimiter>();
                OutboundResilience.Configure(pipeline, options.AttemptTimeout, options.TotalTimeout, options.MaxRetries,
                    (request, ct) => CcvRateLimitHandler.TakeSlotForRetryAsync(limiter, request, ct));
            })
            .SelectPipelineBy(_ => request => request.Options.TryGetValue(CcvSigningHandler.AccessKey, out var shop) ? shop.ShopKey : "unknown");
        services.AddHttpClient(CcvShopClient.HttpClientName).AddHttpMessageHandler<CcvSigningHandler>();
        // Photo files are public URLs on the shop's own domain, not API calls: no signing, no API rate limit.
        services.AddHttpClient(CcvShopClient.FilesClientName, c => c.Timeout = options.AttemptTimeout).AddStandardResilienceHandler();
        return services;
    }
}
