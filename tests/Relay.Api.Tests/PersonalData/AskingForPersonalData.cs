using System.Text.Json.Nodes;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.WorkItems;

namespace Relay.Api.Tests.PersonalData;

/// <summary>The right of access and of erasure: one customer's work items on one connection, found by e-mail.</summary>
[Collection(RelayCollection.Name)]
public sealed class AskingForPersonalData(RelayFixture relay) : IAsyncLifetime
{
    private const string Email = KeepingPersonalData.Email;
    private const string Other = "jan@example.nl";

    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_customer_gets_all_Relay_holds_about_them_and_can_have_it_erased_while_others_keep_theirs()
    {
        await relay.ConnectSimulatorsAsync();
        var lotte = await relay.PlaceOrderAsync(KeepingPersonalData.Order());
        var jan = await relay.PlaceOrderAsync(KeepingPersonalData.Order(Other, "Jansen"));
        await relay.WaitForOrderAsync(lotte, WorkStatus.Succeeded);
        await relay.WaitForOrderAsync(jan, WorkStatus.Succeeded);

        // Case and spaces in the address asked for do not matter.
        var export = await GetAsync($"/api/connections/shop-1/personal-data?email=%20LOTTE@Bakkerij-Peeters.be", 200);
        var item = export["workItems"]!.AsArray().ShouldHaveSingleItem()!;
        item["workItem"]!["key"]!.GetValue<string>().ShouldBe($"ccv:shop-1:order:{lotte}");
        item["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ShouldContain("order_decided");
        var customer = export["customers"]!.AsArray().ShouldHaveSingleItem()!;
        customer["name"]!.GetValue<string>().ShouldBe("Lotte Peeters");
        customer["vatNumber"]!.GetValue<string>().ShouldBe("BE0987654321");
        customer["billing"]!["city"]!.GetValue<string>().ShouldBe("Brugge");

        var erased = await CallAsync("DELETE", $"/api/connections/shop-1/personal-data?email={Email}", 200);
        erased["masked"]!.AsArray().Select(k => k!.GetValue<string>()).ShouldBe([$"ccv:shop-1:order:{lotte}"]);
        erased.ToJsonString().ShouldNotContain(Email);
        (await GetAsync($"/api/connections/shop-1/personal-data?email={Email}", 200))["workItems"]!.AsArray()
            .ShouldBeEmpty();
        (await GetAsync($"/api/connections/shop-1/personal-data?email={Other}", 200))["workItems"]!.AsArray()
            .ShouldHaveSingleItem();
        var run = (await GetAsync("/api/connections/shop-1/retention/runs", 200)).AsArray().ShouldHaveSingleItem()!;
        run["trigger"]!.GetValue<string>().ShouldStartWith("erasure asked by");
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "?email=")]
    [InlineData("DELETE", "?email=not-an-address")]
    public async Task A_missing_or_malformed_address_is_a_problem_that_names_the_parameter(string method, string query)
    {
        await relay.ConnectSimulatorsAsync();
        var result = await relay.Host.CallAsync(method, $"/api/connections/shop-1/personal-data{query}",
            RelayFixture.AdminKey, 400);
        result.Context.Response.ContentType.ShouldBe("application/problem+json");
        JsonNode.Parse(result.ReadAsText())!["errors"]!["email"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Another_tenants_key_and_an_unknown_connection_find_nothing()
    {
        await relay.ConnectSimulatorsAsync();
        var id = await relay.PlaceOrderAsync(KeepingPersonalData.Order());
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);
        var stranger = await relay.Host.CreateTenantWithKeyAsync("agency-b");

        foreach (var method in new[] { "GET", "DELETE" })
            await relay.Host.CallAsync(method, $"/api/connections/shop-1/personal-data?email={Email}", stranger, 404);
        await relay.Host.CallAsync("POST", "/api/connections/shop-1/retention/run", stranger, 404);
        await relay.Host.CallAsync("GET", $"/api/connections/nope/personal-data?email={Email}",
            RelayFixture.AdminKey, 404);
        (await GetAsync($"/api/connections/shop-1/personal-data?email={Email}", 200))["workItems"]!.AsArray()
            .ShouldHaveSingleItem(); // the stranger's erasure did nothing
    }

    [Fact]
    public async Task Retention_settings_are_checked_versioned_and_part_of_the_settings_document()
    {
        await relay.ConnectSimulatorsAsync();
        await CallAsync("PUT", "/api/connections/shop-1/retention", 400,
            new { personalDataDays = 30, workItemDays = 10 });
        await CallAsync("PUT", "/api/connections/shop-1/retention", 400,
            new { personalDataDays = 30, workItemDays = 180, keepForever = true });
        await CallAsync("PUT", "/api/connections/shop-1/retention", 400, new { personalDataDays = 30 });

        var saved = await CallAsync("PUT", "/api/connections/shop-1/retention", 200,
            new { personalDataDays = 7, workItemDays = 90 });
        saved["retention"]!["personalDataDays"]!.GetValue<int>().ShouldBe(7);
        var settings = await GetAsync("/api/connections/shop-1/settings", 200);
        settings["retention"]!["workItemDays"]!.GetValue<int>().ShouldBe(90);
        var history = (await GetAsync("/api/connections/shop-1/settings/history", 200)).AsArray();
        history[0]!["part"]!.GetValue<string>().ShouldBe("retention");
    }

    private Task<JsonNode> GetAsync(string url, int status) => CallAsync("GET", url, status);

    private async Task<JsonNode> CallAsync(string method, string url, int status, object? body = null) =>
        JsonNode.Parse((await relay.Host.CallAsync(method, url, RelayFixture.AdminKey, status, body)).ReadAsText())!;
}
