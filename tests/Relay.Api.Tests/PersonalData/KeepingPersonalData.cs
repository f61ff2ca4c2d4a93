using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Relay.Api.Features.PersonalData;
using Relay.Api.Infrastructure.Processing;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Orders;
using Relay.Domain.PersonalData;
using Relay.Domain.WorkItems;
using Relay.Simulators.CcvShop;

namespace Relay.Api.Tests.PersonalData;

/// <summary>
/// Personal data on the audit trail lasts the connection's retention: then it is masked (on a schedule or on
/// demand), leaving amounts, codes, decisions and outcomes; older work is deleted. A customer can ask for all of it.
/// </summary>
[Collection(RelayCollection.Name)]
public sealed class KeepingPersonalData(RelayFixture relay) : IAsyncLifetime
{
    public const string Email = "lotte@bakkerij-peeters.be";
    public static readonly string[] Personal = [Email, "Lotte", "Peeters", "BE0987654321", "Markt"];

    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    public static SimulatedOrder Order(string email = Email, string last = "Peeters") =>
        new(email, "Lotte", last, [new("ART-00001", 2)], Company: "Bakkerij Peeters BV", Street: "Markt",
            HouseNumber: 7, Zipcode: "8000", City: "Brugge", CountryCode: "BE", VatNumber: "BE0987654321", Paid: true);

    [Fact]
    public async Task Past_the_retention_an_orders_personal_data_is_masked_and_its_audit_trail_stays_readable()
    {
        await relay.ConnectSimulatorsAsync();
        var id = await relay.PlaceOrderAsync(Order());
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);
        var before = (await relay.EventsOfAsync(id)).OfType<OrderDecided>().Single();
        before.Customer!.Email.ShouldBe(Email);
        before.Customer.Name.ShouldBe("Lotte Peeters");

        // As if another replica held the sweep: the hourly sweep skips, and the run on demand does the work.
        var locks = relay.Host.Services.GetRequiredService<ClusterLocks>();
        await using (await locks.HoldAsync(RetentionSweep.LockName, CancellationToken.None))
        {
            relay.Clock.Advance(TimeSpan.FromDays(31));
            var run = await AdminAsync("POST", "/api/connections/shop-1/retention/run", 200);
            JsonNode.Parse(run)!["masked"]!.GetValue<int>().ShouldBe(1);
        }

        var events = await relay.EventsOfAsync(id);
        var after = events.OfType<OrderDecided>().Single();
        after.Customer.ShouldBeNull();
        after.Decisions.ShouldBe(before.Decisions); // amounts, codes, decisions: as they were
        after.Document.Total.ShouldBe(before.Document.Total);
        after.Document.Lines.Select(l => l.ArticleCode).ShouldBe(before.Document.Lines.Select(l => l.ArticleCode));
        after.DebtorNumber.ShouldBe(before.DebtorNumber);
        events.OfType<OrderSent>().ShouldHaveSingleItem();
        events.OfType<PersonalDataMasked>().ShouldHaveSingleItem().Events.ShouldBe(1);
        var item = JsonNode.Parse(await AdminAsync("GET", $"/api/work-items/ccv:shop-1:order:{id}", 200))!;
        item["personalDataMasked"]!.GetValue<bool>().ShouldBeTrue();
        var trail = await AdminAsync("GET", $"/api/work-items/ccv:shop-1:order:{id}/events", 200);
        Personal.ShouldAllBe(p => !trail.Contains(p));
        var export =
            JsonNode.Parse(await AdminAsync("GET", $"/api/connections/shop-1/personal-data?email={Email}", 200))!;
        export["workItems"]!.AsArray().ShouldBeEmpty();
        var runs = JsonNode.Parse(await AdminAsync("GET", "/api/connections/shop-1/retention/runs", 200))!.AsArray();
        runs.ShouldHaveSingleItem()!["masked"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task The_hourly_sweep_masks_work_past_its_retention_and_later_deletes_it_with_its_audit_trail()
    {
        await relay.ConnectSimulatorsAsync();
        var id = await relay.PlaceOrderAsync(Order());
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);
        var key = $"ccv:shop-1:order:{id}";

        relay.Clock.Advance(TimeSpan.FromDays(31)); // the sweep's timer runs on Relay's clock
        await Eventually.WaitAsync(async () => (await WorkItemAsync(key))?.PersonalDataMasked == true,
            TimeSpan.FromSeconds(30), () => "the sweep did not mask the order");
        (await relay.EventsOfAsync(id)).OfType<OrderDecided>().Single().Customer.ShouldBeNull();

        relay.Clock.Advance(TimeSpan.FromDays(150));
        await Eventually.WaitAsync(async () => await WorkItemAsync(key) is null, TimeSpan.FromSeconds(30),
            () => "the sweep did not delete the order's work item");
        await AdminAsync("GET", $"/api/work-items/{key}/events", 404);
        var runs = JsonNode.Parse(await AdminAsync("GET", "/api/connections/shop-1/retention/runs", 200))!.AsArray();
        runs[0]!["deletedKeys"]!.AsArray().Select(k => k!.GetValue<string>()).ShouldBe([key]);
        runs.ShouldAllBe(r => r!["trigger"]!.GetValue<string>() == "schedule");
    }

    private async Task<WorkItem?> WorkItemAsync(string key)
    {
        await using var session = relay.Host.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
        return await session.LoadAsync<WorkItem>(key);
    }

    private async Task<string> AdminAsync(string method, string url, int status, object? body = null) =>
        (await relay.Host.CallAsync(method, url, RelayFixture.AdminKey, status, body)).ReadAsText();
}
