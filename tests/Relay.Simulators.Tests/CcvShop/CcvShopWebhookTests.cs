using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Relay.Simulators.CcvShop;
using Relay.Simulators.FaultInjection;

namespace Relay.Simulators.Tests.CcvShop;

public sealed class CcvShopWebhookTests : SimulatorTest
{
    [Fact]
    public async Task Registered_webhook_receives_the_signed_summary_of_a_new_order()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (address, key) = await RegisterAsync("orders.created", receiver);

        var order = await PlaceAsync();

        await WaitUntilAsync(() => !receiver.Received.IsEmpty, "the delivery");
        var (_, body, signature) = receiver.Received.Single();
        var summary = JsonNode.Parse(body)!;
        summary["id"]!.GetValue<long>().ShouldBe(order["id"]!.GetValue<long>());
        summary["order_number"]!.GetValue<int>().ShouldBe(order["ordernumber"]!.GetValue<int>());
        summary["href"]!.GetValue<string>().ShouldBe($"{Host.CcvShopUrl}/api/rest/v1/orders/{order["id"]}");
        summary["triggered_at"]!.GetValue<string>().ShouldBe("2026-03-01T09:00:30Z");
        signature.ShouldBe(Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes($"{address}|{body}"))));
    }

    [Fact]
    public async Task Status_and_paid_changes_fire_their_own_events()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await RegisterAsync("orders.updated.status", receiver);
        await RegisterAsync("orders.updated.ispaid", receiver);
        var order = await PlaceAsync();
        using var ccv = new SignedCcvRequests(Host.CcvShopUrl, Clock);

        (await ccv.SendAsync(HttpMethod.Patch, $"/orders/{order["id"]}", """{"status":5,"mail":true}""")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var http = new HttpClient();
        (await http.PatchAsJsonAsync($"{Host.CcvShopUrl}/__control/orders/{order["id"]}", new { paid = true })).EnsureSuccessStatusCode();

        await WaitUntilAsync(() => receiver.Received.Count == 2, "two deliveries");
        var bodies = receiver.Received.Select(r => JsonNode.Parse(r.Body)!).ToList();
        var status = bodies.Single(b => b["status"] is not null);
        status["previous_status"]!.GetValue<int>().ShouldBe(1);
        status["status"]!.GetValue<int>().ShouldBe(5);
        bodies.Single(b => b["paid"] is not null)["paid"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task A_failing_receiver_is_retried()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        await RegisterAsync("orders.created", receiver);

        await PlaceAsync();

        await WaitUntilAsync(() => !receiver.Received.IsEmpty, "the third attempt");
        await WaitUntilAsync(() => Host.CcvShop.Webhooks.Deliveries.Count == 1, "the delivery record");
        Host.CcvShop.Webhooks.Deliveries.Single().Attempts.ShouldBe(3);
    }

    [Fact]
    public async Task Deliveries_are_sent_several_at_once_up_to_the_shop_s_concurrency()
    {
        await using var receiver = await WebhookReceiver.StartAsync(hold: true);
        await RegisterAsync("orders.created", receiver);

        var concurrency = Host.CcvShop.Options.WebhookConcurrency;
        concurrency.ShouldBeGreaterThan(1);

        for (var i = 0; i < 12; i++) await PlaceAsync();

        // The receiver answers none: the shop has as many in flight as it sends at once, and no more.
        await WaitUntilAsync(() => receiver.InFlight == concurrency, "a full set in flight");
        receiver.Release();
        await WaitUntilAsync(() => receiver.Received.Count == 12, "all twelve");
        receiver.MostInFlight.ShouldBe(concurrency);
    }

    [Fact]
    public async Task Dropped_webhooks_are_never_sent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await RegisterAsync("orders.created", receiver);
        Host.CcvShop.Faults.Set(new FaultSettings { DropWebhooks = 1 });

        await PlaceAsync();
        await PlaceAsync();

        await WaitUntilAsync(() => Host.CcvShop.Webhooks.Deliveries.Count == 2, "both deliveries handled");
        Host.CcvShop.Webhooks.Deliveries.Count(d => d.Dropped).ShouldBe(1);
        receiver.Received.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Webhooks_can_be_listed_deactivated_and_deleted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await RegisterAsync("orders.created", receiver);
        using var ccv = new SignedCcvRequests(Host.CcvShopUrl, Clock);
        var hook = (await ccv.GetJsonAsync("/webhooks"))["items"]![0]!;

        (await ccv.SendAsync(HttpMethod.Patch, $"/webhooks/{hook["id"]}", """{"is_active":false}""")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await PlaceAsync();
        (await ccv.SendAsync(HttpMethod.Delete, $"/webhooks/{hook["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await ccv.GetJsonAsync("/webhooks"))["items"]!.AsArray().ShouldBeEmpty();
        Host.CcvShop.Webhooks.Idle.ShouldBeTrue();
        receiver.Received.ShouldBeEmpty();
    }

    private async Task<(string Address, string Key)> RegisterAsync(string @event, WebhookReceiver receiver)
    {
        using var ccv = new SignedCcvRequests(Host.CcvShopUrl, Clock);
        var address = $"{receiver.Url}/hooks/{@event}";
        var response = await ccv.SendAsync(HttpMethod.Post, "/webhooks", $$"""{"event":"{{@event}}","address":"{{address}}","is_active":true}""");
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var hook = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (address, hook["key"]!.GetValue<string>());
    }

    private async Task<JsonObject> PlaceAsync()
    {
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync($"{Host.CcvShopUrl}/__control/orders",
            new SimulatedOrder("jan@example.nl", "Jan", "Jansen", [new("ART-00001", 1)]));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}
