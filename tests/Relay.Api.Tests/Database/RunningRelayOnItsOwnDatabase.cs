using System.Net;
using System.Net.Http.Json;
using Relay.Api.Features.Connections;
using Relay.Api.Features.WorkItems;
using Relay.Api.Tests.Infrastructure;

namespace Relay.Api.Tests.Database;

/// <summary>The run command's promise: with no connection string, Relay starts its own PostgreSQL and keeps its data.</summary>
[Collection(RelayProcess.Collection)]
public sealed class RunningRelayOnItsOwnDatabase : IDisposable
{
    private const string Key = "process-test-key-0123456789";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"relay-run-{Guid.NewGuid():n}");

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }

    private Dictionary<string, string> Settings => new()
    {
        ["Relay__EmbeddedPostgres__DataDirectory"] = Path.Combine(_dataDirectory, "postgres"),
        ["Relay__Admin__ApiKey"] = Key,
        ["Relay__Sandbox__Enabled"] = "true", // these runs use the built-in simulators; a production start has none
    };

    [Fact]
    public async Task Relay_starts_its_own_database_and_keeps_work_items_across_a_restart()
    {
        string key, webhookSecret;
        await using (var relay = RelayProcess.Start(Settings))
        {
            await relay.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            using var client = relay.AdminClient(Key);
            var created = await (await client.PostAsJsonAsync("/api/connections",
                new CreateConnectionRequest("shop-1", "Shop", new CcvShopCredentialsRequest($"{relay.BaseUrl}/sandbox/ccvshop", "p", "s"), null, null,
                    new Relay.Domain.Orders.OrderFlowSettings { Enabled = false }), Json))
                .Content.ReadFromJsonAsync<CreatedConnectionResponse>(Json);
            var delivery = await client.PostAsync(new Uri(created!.WebhookAddress).AbsolutePath + "/orders.created",
                new StringContent("""{"id":123,"triggered_at":"2026-03-01T08:59:00Z"}"""));
            delivery.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            // Sandbox mode: the simulated shop is there, and refuses an unsigned call as CCV Shop does.
            (await client.GetAsync("/sandbox/ccvshop/api/rest/v1/orders")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            key = "ccv:shop-1:order:123";
            webhookSecret = created.WebhookAddress.Split('/').Last();
            relay.Output.ShouldNotContain(webhookSecret);
            await relay.StopAsync();
            relay.ExitCode.ShouldBe(0, relay.Output);
        }
        // A clean stop also stops the private PostgreSQL.
        File.Exists(Path.Combine(_dataDirectory, "postgres", "cluster", "postmaster.pid")).ShouldBeFalse();

        await using (var relay = RelayProcess.Start(Settings))
        {
            await relay.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            using var client = relay.AdminClient(Key);
            var item = await client.GetFromJsonAsync<WorkItemResponse>($"/api/work-items/{key}", Json);
            item!.EntityId.ShouldBe("123");
            relay.Output.ShouldNotContain(Key);
            relay.Output.ShouldNotContain(webhookSecret);
        }
    }

    [Fact]
    public async Task In_sandbox_mode_an_order_placed_in_the_simulated_shop_reaches_the_simulated_accountview()
    {
        var settings = Settings;
        settings.Remove("Relay__Sandbox__Enabled");
        settings.Remove("Relay__Admin__ApiKey"); // as a newcomer starts it: Relay makes the key
        await using var relay = RelayProcess.Start(settings, "--sandbox"); // a production start that asks for the sandbox
        await relay.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        var keyFile = Path.Combine(_dataDirectory, "admin-api-key");
        using var client = relay.AdminClient((await File.ReadAllTextAsync(keyFile)).Trim());
        // The dashboard's sign-in page names the file (never the key) in the sandbox.
        using (var anonymous = new HttpClient { BaseAddress = new Uri(relay.BaseUrl) })
        {
            var signIn = await anonymous.GetStringAsync("/app/sign-in");
            signIn.ShouldContain($"<code>{keyFile}</code>");
            signIn.ShouldNotContain((await File.ReadAllTextAsync(keyFile)).Trim());
        }
        await WaitForAsync(async () => (await client.GetAsync("/api/connections/sandbox")).IsSuccessStatusCode, "the sandbox connection", relay);

        var placed = await client.PostAsJsonAsync("/sandbox/ccvshop/__control/orders",
            new { email = "demo@example.nl", firstName = "Demo", lastName = "Klant", rows = new[] { new { sku = "ART-00001", count = 2 } }, paid = true });
        var order = System.Text.Json.Nodes.JsonNode.Parse(await placed.Content.ReadAsStringAsync())!;
        var key = $"ccv:sandbox:order:{order["id"]}";
        await WaitForAsync(async () =>
        {
            var answer = await client.GetAsync($"/api/work-items/{key}");
            return answer.IsSuccessStatusCode && (await answer.Content.ReadFromJsonAsync<WorkItemResponse>(Json))!.Status == Relay.Domain.WorkItems.WorkStatus.Succeeded;
        }, "the order to reach AccountView", relay);

        var salesOrders = await client.GetStringAsync("/sandbox/accountview/__control/tables/SO_HDR");
        salesOrders.ShouldContain(order["ordernumber_full"]!.GetValue<string>());
        relay.Output.ShouldNotContain("demo@example.nl");

        // Stock: a count in the simulated AccountView reaches the simulated shop at the next poll (asked for now here).
        (await client.PutAsJsonAsync("/sandbox/accountview/__control/articles/ART-00004/stock", new { onShelf = 77 })).EnsureSuccessStatusCode();
        (await client.PostAsync("/api/connections/sandbox/flows/stock/poll", null)).EnsureSuccessStatusCode();
        await WaitForAsync(async () => (await client.GetStringAsync("/sandbox/ccvshop/__control/stock-writes")).Contains("\"stock\":77"), "the stock to reach the shop", relay);
    }

    private static Task WaitForAsync(Func<Task<bool>> condition, string what, RelayProcess relay) =>
        Eventually.WaitAsync(condition, TimeSpan.FromSeconds(60), () => $"{what}. Output:\n{relay.Output}");

    [Fact]
    public async Task A_production_start_has_no_sandbox_routes_and_keeps_its_key_files_beside_its_data()
    {
        var settings = Settings;
        settings.Remove("Relay__Sandbox__Enabled");
        settings.Remove("Relay__Admin__ApiKey");
        await using var relay = RelayProcess.Start(settings); // ASPNETCORE_ENVIRONMENT=Production, no --sandbox
        await relay.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        var key = (await File.ReadAllTextAsync(Path.Combine(_dataDirectory, "admin-api-key"))).Trim();
        using var client = relay.AdminClient(key);

        (await client.GetAsync("/sandbox/ccvshop/__control/orders")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/sandbox/accountview/api/v3/companies")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetStringAsync("/api/connections")).ShouldBe("[]"); // no demo connection
        File.Exists(Path.Combine(_dataDirectory, "secrets-key")).ShouldBeTrue();
        // Kestrel's own refusal of a long request line would be an empty 414: Relay's is problem+json.
        var longQuery = await client.GetAsync("/api/work-items?connectionId=" + new string('x', 10_000));
        longQuery.StatusCode.ShouldBe(HttpStatusCode.RequestUriTooLong);
        longQuery.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var unknown = await client.DeleteAsync("/api/tenants"); // a route without DELETE: 405, as problem+json
        unknown.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Without_postgres_programs_relay_exits_with_a_message_not_a_stack_trace()
    {
        var settings = Settings;
        settings["Relay__EmbeddedPostgres__BinDirectory"] = Path.Combine(_dataDirectory, "no-postgres-here");
        await using var relay = RelayProcess.Start(settings);

        await relay.WaitForExitAsync(TimeSpan.FromSeconds(60));

        relay.ExitCode.ShouldBe(1);
        relay.Output.ShouldContain("ConnectionStrings__Relay");
        relay.Output.ShouldNotContain("   at ");
    }


    private static System.Text.Json.JsonSerializerOptions Json => RelayProcess.Json;
}
