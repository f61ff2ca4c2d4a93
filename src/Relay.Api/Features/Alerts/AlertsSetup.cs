namespace Relay.Api.Features.Alerts;

public static class AlertsSetup
{
    /// <summary>The alert watch (once per connection in the cluster) and its channels.</summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddHttpClient(WebhookAlertChannel.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<WebhookAlertChannel>();
        services.AddSingleton<AlertSender>();
        services.AddSingleton<AlertObservationReader>();
        services.AddSingleton<AlertWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertWatch>());
        return services;
    }
}
