using System.Diagnostics;
using System.Text.Json.Nodes;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.WorkItems;
using Relay.Simulators.CcvShop;

namespace Relay.Api.Tests.Telemetry;

/// <summary>One trace per unit of work: the webhook's request, the group commit that stores it, the attempt on its
/// lane and the calls to AccountView; the audit trail names it.</summary>
[Collection(RelayCollection.Name)]
public sealed class TracingWorkEndToEnd(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_webhook_and_the_AccountView_calls_of_its_order_share_one_trace_that_the_audit_trail_names()
    {
        await relay.ConnectSimulatorsAsync();
        var id = await relay.PlaceOrderAsync(
            new SimulatedOrder("piet@example.nl", "Piet", "Puk", [new("ART-00001", 1)], Paid: true));
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);

        var trail = await relay.Host.GetAdminAsync<JsonArray>($"/api/work-items/ccv:shop-1:order:{id}/events");
        string? TraceOf(string type) => trail.Select(e => e!.AsObject())
            .LastOrDefault(e => e["type"]!.GetValue<string>() == type)?["traceId"]?.GetValue<string>();
        var received = TraceOf("webhook_received").ShouldNotBeNull(trail.ToJsonString());
        var sent = TraceOf("order_sent").ShouldNotBeNull(trail.ToJsonString());

        var spans = relay.Spans.Snapshot();
        var webhooks = spans.Where(s => s.Kind == ActivityKind.Server
            && s.DisplayName.Contains("/webhooks/ccvshop/", StringComparison.Ordinal)).ToList();
        webhooks.Select(s => s.TraceId.ToHexString()).ShouldContain(received);
        var accountView = spans.Where(s => s.Kind == ActivityKind.Client && s.GetTagItem("url.full") is string url
            && url.StartsWith(relay.Simulators.AccountViewUrl, StringComparison.Ordinal)).ToList();
        accountView.Select(s => s.TraceId.ToHexString()).ShouldContain(sent);
        // The attempt that sent the order continues the trace of one of the order's webhooks.
        webhooks.Select(s => s.TraceId.ToHexString()).ShouldContain(sent,
            $"webhook traces {string.Join(", ", webhooks.Select(s => s.TraceId))}, the sending attempt's {sent}");
    }
}
