using Marten;
using Microsoft.Extensions.DependencyInjection;
using Relay.Api.Features.Alerts;
using Relay.Api.Features.Connections;

namespace Relay.Api.Tests.Infrastructure;

public static class AlertScenarios
{
    /// <summary>The alert watch looks at the connection now (as its timer does every 30 s).</summary>
    public static async Task LookAtAlertsAsync(this RelayFixture relay, string connection = "shop-1")
    {
        await using var query = relay.Store.QuerySession();
        var document = await query.LoadAsync<ConnectionDocument>(connection);
        await relay.Host.Services.GetRequiredService<AlertWatch>().EvaluateAsync(document!, default);
    }
}
