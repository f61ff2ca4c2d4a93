using Marten;
using Microsoft.Extensions.DependencyInjection;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Customers;
using Relay.Domain.WorkItems;
using Relay.Simulators;
using Relay.Simulators.CcvShop;

namespace Relay.Api.Tests.PersonalData;

/// <summary>
/// The promise of the retention, checked the hard way: after masking, no answer of any admin route about the run and
/// no log line of the whole run names the customer.
/// </summary>
[Collection(RelayCollection.Name)]
public sealed class ScanningForPersonalData(RelayFixture relay) : IAsyncLifetime
{
    private const string Email = "merel.vandenberg@voorbeeld.nl";
    private static readonly string[] Personal = [Email, "Merel", "Vandenberg", "Lindelaan"];

    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task After_masking_no_answer_and_no_log_line_of_an_end_to_end_run_holds_the_customers_e_mail_or_name()
    {
        relay.Logs.Clear();
        await relay.ConnectSimulatorsAsync();
        var user = AddUser();
        await relay.SetCustomerFlowAsync(new CustomerFlowSettings { Enabled = true, ScanMinutes = 5 });
        var customerKey = WorkKey.ForShopEntity("shop-1", ShopEntity.Customer, user.ToString()).ToString();
        await relay.WaitForWorkAsync(customerKey, WorkStatus.Succeeded);
        var order = await relay.PlaceOrderAsync(new SimulatedOrder(Email, "Merel", "Vandenberg", [new("ART-00001", 1)],
            Street: "Lindelaan", HouseNumber: 3, Zipcode: "3511AB", City: "Utrecht", Paid: true));
        await relay.WaitForOrderAsync(order, WorkStatus.Succeeded);
        string[] keys = [customerKey, $"ccv:shop-1:order:{order}"];
        var export = $"/api/connections/shop-1/personal-data?email={Email}";
        (await GetAsync(export)).ShouldContain("Vandenberg"); // held until the retention: the scan is not vacuous

        relay.Clock.Advance(TimeSpan.FromDays(31)); // the hourly sweep masks both
        await Eventually.WaitAsync(async () => (await ItemsAsync(keys)).All(i => i.PersonalDataMasked),
            TimeSpan.FromSeconds(30), () => "the sweep did not mask the customer's work");

        string[] routes =
        [
            "/api/connections", "/api/connections/shop-1", "/api/connections/shop-1/stats",
            "/api/connections/shop-1/settings", "/api/connections/shop-1/settings/history",
            "/api/connections/shop-1/retention/runs", export, "/api/work-items?connectionId=shop-1",
            .. keys.SelectMany(k => new[] { $"/api/work-items/{k}", $"/api/work-items/{k}/events" }),
        ];
        var answers = new List<(string Route, string Text)>();
        foreach (var route in routes) answers.Add((route, await GetAsync(route)));
        answers.Add(("erasure",
            (await relay.Host.CallAsync("DELETE", export, RelayFixture.AdminKey, 200)).ReadAsText()));
        answers.Add(("retention run", (await relay.Host.CallAsync("POST", "/api/connections/shop-1/retention/run",
            RelayFixture.AdminKey, 200)).ReadAsText()));
        var logs = relay.Logs.Lines.Select(l => ($"log {l.Category}", $"{l.Message} {l.Error}")).ToList();
        logs.ShouldNotBeEmpty();

        var hits = answers.Concat(logs)
            .SelectMany(a => Personal.Where(p => a.Item2.Contains(p, StringComparison.OrdinalIgnoreCase))
                .Select(p => $"{a.Item1}: {p}"))
            .ToList();
        hits.ShouldBeEmpty();
    }

    private async Task<string> GetAsync(string url) =>
        (await relay.Host.CallAsync("GET", url, RelayFixture.AdminKey, 200)).ReadAsText();

    private async Task<IReadOnlyList<WorkItem>> ItemsAsync(string[] keys)
    {
        await using var session = relay.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadManyAsync<WorkItem>(keys);
    }

    private long AddUser()
    {
        var store = relay.Simulators.CcvShop.Store;
        lock (store.Gate)
        {
            var billing = CcvResources.Address("Merel", "Vandenberg", "", "Lindelaan", 3, "3511AB", "Utrecht",
                "Nederland", "NL");
            return store.Add("users", CcvResources.User(Email, billing))["id"].Long();
        }
    }
}
