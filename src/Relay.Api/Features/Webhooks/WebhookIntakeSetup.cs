using Relay.Api.Infrastructure.Caching;

namespace Relay.Api.Features.Webhooks;

public static class WebhookIntakeSetup
{
    public static IServiceCollection AddWebhookIntake(this IServiceCollection services)
    {
        services.AddRelayMemory();
        services.AddSingleton<WebhookGates>();
        services.AddSingleton<RecentDeliveries>();
        services.AddSingleton<IntakeGroupCommit>();
        services.AddHostedService(sp => sp.GetRequiredService<IntakeGroupCommit>());
        return services;
    }
}
