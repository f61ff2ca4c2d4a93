using System.Net;
using Marten;
using Relay.Api.Features.Connections;
using Relay.Api.Features.WorkItems;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Orders;
using Relay.Domain.WorkItems;
using Relay.Simulators.CcvShop;

namespace Relay.Api.Tests.Webhooks;

/// <summary>
/// Group commit: deliveries that arrive together are stored in one transaction, and each is answered by what
/// became of it. What the intake remembers of a connection is checked against the database by every batch.
/// </summary>
[Collection(RelayCollection.Name)]
public sealed class StoringDeliveriesTogether(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task New_deliveries_repeats_and_copies_arriving_together_are_each_answered_for_themselves()
    {
        var connection = await relay.Host.CreateConnectionAsync(); // the order flow off
        var path = connection.WebhookPath("orders.created");
        var stored = RelayScenarios.OrderDelivery(500);
        (await relay.Host.PostWebhookAsync(path, stored)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        // 60 new orders twice each, 30 copies of one more, and 10 repeats of the one stored before: all at once.
        var bodies = Enumerable.Range(1, 60).SelectMany(i => Enumerable.Repeat(RelayScenarios.OrderDelivery(i), 2))
            .Concat(Enumerable.Repeat(RelayScenarios.OrderDelivery(99), 30))
            .Concat(Enumerable.Repeat(stored, 10)).ToList();

        var answers = await Task.WhenAll(bodies.Select(b => relay.Host.PostWebhookAsync(path, b)));

        answers.Count(a => a.StatusCode == HttpStatusCode.Accepted).ShouldBe(61);
        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(60 + 29 + 10);
        (await ReceivedPerStreamAsync()).ShouldAllBe(count => count == 1);
        (await ReceivedPerStreamAsync()).Count.ShouldBe(62);
    }

    [Fact]
    public async Task A_summary_PostgreSQL_cannot_hold_is_left_out_and_its_delivery_stored_with_the_others()
    {
        var connection = await relay.Host.CreateConnectionAsync();
        var path = connection.WebhookPath("orders.created");
        // PostgreSQL's jsonb cannot hold a NUL: the summary field is left out, the delivery is still work.
        var odd = RelayScenarios.OrderDelivery(131).Replace("\"WEB-1042\"", "\"WEB\\u0000\"", StringComparison.Ordinal);
        odd.ShouldContain("\\u0000");

        var answers = await Task.WhenAll(Enumerable.Range(1, 30).Select(i => RelayScenarios.OrderDelivery(i))
            .Append(odd).Select(b => relay.Host.PostWebhookAsync(path, b)));

        answers.Select(a => a.StatusCode).Distinct().ShouldBe([HttpStatusCode.Accepted]);
        (await ReceivedPerStreamAsync()).Count.ShouldBe(31);
        var trail = await relay.Host.GetAdminAsync<List<ReceivingCcvShopWebhooks.AuditEntryView>>(
            "/api/work-items/ccv:shop-1:order:131/events");
        trail.Single().Data.Summary.OrderNumber.ShouldBe("1042"); // ordernumber_full left out, order_number used
    }

    [Fact]
    public async Task Deliveries_racing_another_replica_for_the_same_order_are_stored_once_each()
    {
        var connection = await relay.Host.CreateConnectionAsync();
        var path = connection.WebhookPath("orders.updated.status");
        string Delivery(int i) => RelayScenarios.OrderDelivery(77, $"2026-03-01T09:{i / 60:00}:{i % 60:00}Z");
        (await relay.Host.PostWebhookAsync(path, Delivery(0))).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        // Another replica appends to the same stream at the same moments, as its own intake would.
        var other = Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
                await WorkStreams.AppendAsync(relay.Store,
                    [("ccv:shop-1:order:77", new WorkResumed("ccv:shop-1:order:77", relay.Clock.GetUtcNow()))],
                    CancellationToken.None);
        });
        var answers = await Task.WhenAll(Enumerable.Range(1, 40).Select(i => relay.Host.PostWebhookAsync(path, Delivery(i))));
        await other;

        answers.Select(a => a.StatusCode).Distinct().ShouldBe([HttpStatusCode.Accepted]);
        (await ReceivedPerStreamAsync()).ShouldBe([41]);
    }

    [Fact]
    public async Task Orders_arriving_while_their_flow_is_switched_on_are_all_sent_none_left_parked()
    {
        await relay.ConnectSimulatorsAsync(new OrderFlowSettings { Enabled = false });
        // The shop sends its orders.created webhooks while the flow goes on: some are parked, some are not.
        var placing = Task.WhenAll(Enumerable.Range(0, 30).Select(i => relay.PlaceOrderAsync(
            new SimulatedOrder($"klant{i}@example.nl", "Klant", $"{i}", [new("ART-00001", 1)], Paid: true))));
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/flows/orders/enabled", RelayFixture.AdminKey, 200,
            new { enabled = true });
        var ids = await placing;

        foreach (var id in ids) await relay.WaitForOrderAsync(id, WorkStatus.Succeeded, seconds: 60);
        relay.Simulators.AccountView.Rows("SO_HDR", null).Count.ShouldBe(30); // each once
    }

    [Fact]
    public async Task A_connection_changed_on_another_replica_is_in_force_for_the_next_delivery()
    {
        var connection = await relay.Host.CreateConnectionAsync();
        var path = connection.WebhookPath("orders.created");
        (await relay.Host.PostWebhookAsync(path, RelayScenarios.OrderDelivery(1))).StatusCode
            .ShouldBe(HttpStatusCode.Accepted); // the connection's gate is remembered now

        // Another replica switches signature checking on: this one's memory does not know.
        await ChangeAsync(connection.Connection.Id, c => c.WebhookSignature = new WebhookSignatureSettings
        {
            Scheme = WebhookSignatureScheme.HmacSha512Body, Key = "shop-key",
        });
        (await relay.Host.PostWebhookAsync(path, RelayScenarios.OrderDelivery(2))).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized);

        // And deletes the connection.
        await using (var session = relay.Store.LightweightSession())
        {
            session.Delete<ConnectionDocument>(connection.Connection.Id);
            await session.SaveChangesAsync();
        }
        (await relay.Host.PostWebhookAsync(path, RelayScenarios.OrderDelivery(3))).StatusCode
            .ShouldBe(HttpStatusCode.NotFound);
        (await ReceivedPerStreamAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_check_switched_off_on_another_replica_lets_deliveries_in_at_once()
    {
        var connection = await relay.Host.CreateConnectionAsync();
        var path = connection.WebhookPath("orders.created");
        await ChangeAsync(connection.Connection.Id, c => c.WebhookSignature = new WebhookSignatureSettings
        {
            Scheme = WebhookSignatureScheme.HmacSha512Body, Key = "shop-key",
        });
        (await relay.Host.PostWebhookAsync(path, RelayScenarios.OrderDelivery(1))).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized); // remembered: the check is on

        await ChangeAsync(connection.Connection.Id, c => c.WebhookSignature = new WebhookSignatureSettings());

        (await relay.Host.PostWebhookAsync(path, RelayScenarios.OrderDelivery(1))).StatusCode
            .ShouldBe(HttpStatusCode.Accepted);
    }

    private async Task ChangeAsync(string id, Action<ConnectionDocument> change)
    {
        await using var session = relay.Store.LightweightSession();
        var document = (await session.LoadAsync<ConnectionDocument>(id))!;
        change(document);
        session.Update(document);
        await session.SaveChangesAsync();
    }

    /// <summary>WebhookReceived events per work stream.</summary>
    private async Task<IReadOnlyList<int>> ReceivedPerStreamAsync()
    {
        await using var session = relay.Store.QuerySession();
        return await session.AdvancedSql.QueryAsync<int>(
            "select count(*)::int from relay.mt_events where type = 'webhook_received' group by stream_id",
            CancellationToken.None);
    }
}
