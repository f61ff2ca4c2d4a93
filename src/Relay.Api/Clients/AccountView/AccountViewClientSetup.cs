using Microsoft.Extensions.Http.Resilience;
using Relay.Api.Infrastructure.Caching;

namespace Relay.Api.Clients.AccountView;

public static class AccountViewClientSetup
{
    /// <summary>The AccountView HttpClient: resilience outermost (a circuit per company), then tokens and x-company per attempt.</summary>
    public static IServiceCollection AddAccountViewClient(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AccountViewClientOptions.Section).Get<AccountViewClientOptions>() ?? new();
        services.AddSingleton(options);
        services.AddRelayMemory();
        services.AddSingleton<AccountViewTokens>();
        services.AddTransient<AccountViewAuthHandler>();
        services.AddSingleton<AccountViewClient>();
        services.AddHttpClient(AccountViewClient.HttpClientName)
            .AddResilienceHandler("accountview", pipeline => OutboundResilience.Configure(pipeline, options.AttemptTimeout, options.TotalTimeout, options.MaxRetries))
            .SelectPipelineBy(_ => request => request.Options.TryGetValue(AccountViewAuthHandler.AccessKey, out var a) ? $"{a.BaseUrl}|{a.CompanyId}" : "unknown");
        services.AddHttpClient(AccountViewClient.HttpClientName).AddHttpMessageHandler<AccountViewAuthHandler>();
        // The token call is never retried on its own: with rotating refresh tokens a lost answer cannot be repeated.
        services.AddHttpClient(AccountViewTokens.HttpClientName, c => c.Timeout = options.AttemptTimeout);
        return services;
    }
}
