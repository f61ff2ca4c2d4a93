using System.Net;
using System.Net.Http.Json;
using Marten;
using Relay.Api.Features.Webhooks;
using Relay.Api.Features.WorkItems;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.WorkItems;

namespace Relay.Api.Tests.Webhooks;

[Collection(RelayCollection.Name)]
public sealed class ReceivingCcvShopWebhooks(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task First_delivery_is_stored_and_answered_202()
    {
        var connection = await relay.Host.CreateConnectionAsync();

        var response = await relay.Host.PostWebhookAsync(connection.WebhookPath("orders.created"), RelayScenarios.OrderDelivery(400000001));

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var answer = await response.Content.ReadFromJsonAsync<WebhookAnswer>();
        answer.ShouldBe(new WebhookAnswer("ccv:shop-1:order:400000001", Duplicate: false));
        var item = await relay.Host.GetAdminAsync<WorkItemResponse>("/api/work-items/ccv:shop-1:order:400000001");
        item.Status.ShouldBe(WorkStatus.Received);
        item.Flow.ShouldBe(Flow.Orders);
        item.ReceivedAt.ShouldBe(relay.Clock.GetUtcNow());
    }

    [Fact]
    public async Task A_hundred_distinct_deliveries_for_one_order_at_once_are_all_stored_none_is_a_500()
    {
        var connection = await relay.Host.CreateConnectionAsync(); // the order flow off
        var path = connection.WebhookPath("orders.updated.status");

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            relay.Host.PostWebhookAsync(path, RelayScenarios.OrderDelivery(7, triggeredAt: $"2026-03-01T08:{i / 60:00}:{i % 60:00}Z"))));

        answers.Select(a => (int)a.StatusCode).Distinct().ShouldBe([202]);
        (await EventCountAsync()).ShouldBe(100);
    }

    [Fact]
    public async Task Repeated_delivery_is_answered_200_without_new_events()
    {
        var connection = await relay.Host.CreateConnectionAsync();
        var path = connection.WebhookPath("orders.updated.ispaid");
        var body = RelayScenarios.OrderDelivery(7, extra: ",\"paid\":true");
        (await relay.Host.PostWebhookAsync(path, body)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var again = await relay.Host.PostWebhookAsync(path, body);

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadFromJsonAsync<WebhookAnswer>())!.Duplicate.ShouldBeTrue();
        (await EventCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Same_event_id_and_trigger_time_with_another_body_is_a_duplicate()
    {
        var connection = await relay.Host.CreateConnectionAsync();
        var path = connection.WebhookPath("orders.updated.status");
        await relay.Host.PostWebhookAsync(path, RelayScenarios.OrderDelivery(7, extra: ",\"status\":2"));

        var again = await relay.Host.PostWebhookAsync(path, RelayScenarios.OrderDelivery(7, extra: ",\"status\":2,\"new_field\":1"));

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await EventCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Identical_body_without_trigger_time_is_a_duplicate()
    {
        var connection = await relay.Host.CreateConnectionAsync();
        var path = connection.WebhookPath("products.updated");
        (await relay.Host.PostWebhookAsync(path, """{"id":55}""")).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        (await relay.Host.PostWebhookAsync(path, """{"id":55}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await relay.Host.PostWebhookAsync(path, """{"id":55,"x":1}""")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await EventCountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task Later_deliveries_for_one_order_join_its_stream_in_order()
    {
        var connection = await relay.Host.CreateConnectionAsync();
        await relay.Host.PostWebhookAsync(connection.WebhookPath("orders.created"), RelayScenarios.OrderDelivery(9, "2026-03-01T08:00:00Z"));
        // Its work runs at once (and parks, the flow being off): the minutes pass after it, not past its budget.
        await Eventually.WaitAsync(() => relay.WorkInFlight() == 0, TimeSpan.FromSeconds(30), () => "work still running");
        relay.Clock.Advance(TimeSpan.FromMinutes(3));
        var paid = await relay.Host.PostWebhookAsync(connection.WebhookPath("orders.updated.ispaid"),
            RelayScenarios.OrderDelivery(9, "2026-03-01T08:03:00Z", ",\"paid\":true"));

        paid.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var trail = await relay.Host.GetAdminAsync<List<AuditEntryView>>("/api/work-items/ccv:shop-1:order:9/events");
        trail.Select(e => e.Data.EventName).ShouldBe(["orders.created", "orders.updated.ispaid"]);
        trail[1].Data.Summary.Paid.ShouldBe(true);
        trail[1].Data.Summary.OrderNumber.ShouldBe("WEB-1042");
        var item = await relay.Host.GetAdminAsync<WorkItemResponse>("/api/work-items/ccv:shop-1:order:9");
        item.Deliveries.ShouldBe(2);
        item.UpdatedAt.ShouldBe(item.ReceivedAt.AddMinutes(3));
    }

    [Fact]
    public async Task Twenty_concurrent_identical_deliveries_store_one()
    {
        var connection = await relay.Host.CreateConnectionAsync();
        var path = connection.WebhookPath("orders.created");
        var body = RelayScenarios.OrderDelivery(31337);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => relay.Host.PostWebhookAsync(path, body)));

        responses.Count(r => r.StatusCode == HttpStatusCode.Accepted).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(19);
        (await EventCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Customer_contact_details_in_a_delivery_are_not_stored()
    {
        var connection = await relay.Host.CreateConnectionAsync();
        await relay.Host.PostWebhookAsync(connection.WebhookPath("orders.created"), RelayScenarios.OrderDelivery(12));

        var result = await relay.Host.Scenario(s =>
        {
            s.Get.Url("/api/work-items/ccv:shop-1:order:12/events");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
        });
        var text = await result.ReadAsTextAsync();
        text.ShouldNotContain("jan@example.nl");
        text.ShouldNotContain("0612345678");
        await using var session = relay.Store.QuerySession();
        var raw = await session.AdvancedSql.QueryAsync<string>("select data::text from relay.mt_events", CancellationToken.None);
        raw.ShouldAllBe(d => !d.Contains("jan@example.nl"));
    }

    private async Task<int> EventCountAsync()
    {
        await using var session = relay.Store.QuerySession();
        return (await session.AdvancedSql.QueryAsync<int>("select count(*)::int from relay.mt_events where stream_id like 'ccv:%'", CancellationToken.None)).Single();
    }

    /// <summary>The audit entry as a client reads it.</summary>
    public sealed record AuditEntryView(long Version, long Sequence, string Type, DateTimeOffset Timestamp,
        string? CorrelationId, WebhookReceived Data, string? TraceId);
}
