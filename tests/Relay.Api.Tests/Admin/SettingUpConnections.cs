using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Connections;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Orders;
using Relay.Domain.WorkItems;

namespace Relay.Api.Tests.Admin;

/// <summary>The setup assistant: AccountView authorisation, webhook registration, lookups, changing and deleting, secrets kept.</summary>
[Collection(RelayCollection.Name)]
public sealed class SettingUpConnections(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task CreateUnauthorisedAsync(string id = "shop-1") =>
        await relay.Host.CallAsync("POST", "/api/connections", RelayFixture.AdminKey, 201, new CreateConnectionRequest(id, "Shop",
            new CcvShopCredentialsRequest(relay.Simulators.CcvShopUrl, "sandbox-public", "sandbox-secret"),
            new AccountViewCredentialsRequest(relay.Simulators.AccountViewUrl, "sandbox-client", "sandbox-client-secret", "sandbox-company"),
            null, new OrderFlowSettings { Enabled = false }));

    [Fact]
    public async Task Authorising_AccountView_through_the_browser_stores_tokens_that_work_and_a_state_is_used_once()
    {
        await CreateUnauthorisedAsync();
        await relay.Host.CallAsync("GET", "/api/connections/shop-1/lookups/accountview/vatCodes", RelayFixture.AdminKey, 502);

        var start = await (await relay.Host.CallAsync("POST", "/api/connections/shop-1/accountview/authorize", RelayFixture.AdminKey, 200)).ReadAsJsonAsync<JsonObject>();
        var authorizeUrl = start!["authorizeUrl"]!.ToString();
        authorizeUrl.ShouldStartWith($"{relay.Simulators.AccountViewUrl}/ams/authorize.aspx?response_type=code&client_id=sandbox-client");
        authorizeUrl.ShouldContain("redirect_uri=http%3A%2F%2Frelay.test%2Faccountview%2Fcallback");
        // The merchant's browser consents at AccountView and is sent back to Relay.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var consent = await browser.GetAsync(authorizeUrl);
        consent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var back = consent.Headers.Location!;
        back.GetLeftPart(UriPartial.Path).ShouldBe("http://relay.test/accountview/callback");

        var callback = await relay.Host.Scenario(s =>
        {
            s.Get.Url(back.PathAndQuery);
            s.StatusCodeShouldBeOk();
        });

        (await callback.ReadAsTextAsync()).ShouldContain("shop-1");
        var vatCodes = await relay.Host.GetAdminAsync<List<LookupEndpoints.Choice>>("/api/connections/shop-1/lookups/accountview/vatCodes");
        vatCodes.Select(c => c.Code).ShouldBe(["EU", "EX", "H1", "L1", "N0"]);
        await relay.Host.Scenario(s =>
        {
            s.Get.Url(back.PathAndQuery);
            s.StatusCodeShouldBe(400);
        });
    }

    [Fact]
    public async Task Registering_webhooks_creates_what_is_missing_keeps_what_is_there_and_replaces_stale_ones()
    {
        await CreateUnauthorisedAsync();

        var first = await RegisterAsync();
        first.Select(h => (h.Event, h.Action)).ShouldBe([("orders.created", "created"), ("orders.updated.status", "created"), ("orders.updated.ispaid", "created")]);
        first.ShouldAllBe(h => h.Address.StartsWith("http://relay.test/webhooks/ccvshop/shop-1/***/") && h.ThisConnection);

        // An old registration of this connection (another secret) and another integration's webhook.
        var ccv = relay.Host.Services.GetRequiredService<CcvShopClient>();
        var shop = new CcvShopAccess(relay.Simulators.CcvShopUrl, "sandbox-public", "sandbox-secret");
        await ccv.RegisterWebhookAsync(shop, "orders.created", "http://old.example/webhooks/ccvshop/shop-1/oldsecret/orders.created", default);
        await ccv.RegisterWebhookAsync(shop, "orders.created", "https://other.example/hook", default);

        var second = await RegisterAsync();

        second.Select(h => (h.Event, h.Action)).ShouldBe([("orders.created", "removed"), ("orders.created", "kept"), ("orders.updated.status", "kept"), ("orders.updated.ispaid", "kept")]);
        var listed = await relay.Host.GetAdminAsync<WebhookRegistration.WebhookList>("/api/connections/shop-1/webhooks");
        listed.Webhooks.Count.ShouldBe(3);
        listed.Webhooks.ShouldAllBe(h => h.ThisConnection);
        listed.Others.ShouldBe(1);
    }

    [Fact]
    public async Task The_webhook_list_never_shows_another_connections_address()
    {
        await CreateUnauthorisedAsync();
        await RegisterAsync();
        var ccv = relay.Host.Services.GetRequiredService<CcvShopClient>();
        var shop = new CcvShopAccess(relay.Simulators.CcvShopUrl, "sandbox-public", "sandbox-secret");
        await ccv.RegisterWebhookAsync(shop, "orders.created", "http://relay.test/webhooks/ccvshop/sandbox/othersecret123456/orders.created", default);

        var answer = await relay.Host.CallAsync("GET", "/api/connections/shop-1/webhooks", RelayFixture.AdminKey, 200);

        var text = await answer.ReadAsTextAsync();
        text.ShouldNotContain("othersecret123456");
        text.ShouldNotContain("/sandbox/");
        var listed = JsonSerializer.Deserialize<WebhookRegistration.WebhookList>(text, RelayProcess.Json)!;
        (listed.Webhooks.Count, listed.Others).ShouldBe((3, 1));
    }

    [Fact]
    public async Task Lookups_offer_the_shops_and_AccountViews_choices_and_refuse_unknown_lists()
    {
        await relay.ConnectSimulatorsAsync();
        await relay.ConnectSimulatorsAsync(id: "shop-2", company: "extended-company");

        (await relay.Host.GetAdminAsync<List<LookupEndpoints.Choice>>("/api/connections/shop-1/lookups/accountview/ledgers")).Select(c => c.Code).ShouldContain("8100");
        (await relay.Host.GetAdminAsync<List<LookupEndpoints.Choice>>("/api/connections/shop-2/lookups/accountview/paymentTerms")).Select(c => c.Code).ShouldBe(["00", "14", "30"]);
        (await relay.Host.GetAdminAsync<List<LookupEndpoints.Choice>>("/api/connections/shop-2/lookups/accountview/shippingMethods")).Select(c => c.Code).ShouldContain("POSTNL");
        // A standard administration has no such lists (§3.3): said so, not a failure of AccountView.
        var none = await relay.Host.CallAsync("GET", "/api/connections/shop-1/lookups/accountview/paymentTerms", RelayFixture.AdminKey, 409);
        (await none.ReadAsTextAsync()).ShouldContain("no paymentTerms list (business object DC1)");
        (await relay.Host.GetAdminAsync<List<LookupEndpoints.Choice>>("/api/connections/shop-1/lookups/ccvshop/orderStatuses")).Count.ShouldBe(14);
        (await relay.Host.GetAdminAsync<List<LookupEndpoints.Choice>>("/api/connections/shop-1/lookups/ccvshop/paymethods")).ShouldNotBeEmpty();
        (await relay.Host.GetAdminAsync<List<LookupEndpoints.Choice>>("/api/connections/shop-1/lookups/ccvshop/categories")).ShouldNotBeEmpty();
        var refused = await relay.Host.CallAsync("GET", "/api/connections/shop-1/lookups/accountview/cheeses", RelayFixture.AdminKey, 400);
        (await refused.ReadAsTextAsync()).ShouldContain("vatCodes");
    }

    [Fact]
    public async Task A_shop_that_cannot_be_reached_is_a_502_naming_the_cause_not_an_error_of_Relay()
    {
        await relay.Host.CreateConnectionAsync(); // its shop is 127.0.0.1:9: nothing listens there

        // The client's retries wait on the test clock.
        foreach (var (method, url) in new[] { ("POST", "/api/connections/shop-1/webhooks/register"), ("GET", "/api/connections/shop-1/lookups/ccvshop/categories") })
        {
            var call = relay.Host.CallAsync(method, url, RelayFixture.AdminKey, 502);
            await ClockPump.RunAsync(() => relay.Clock, call, TimeSpan.FromSeconds(5));
            var problem = (await (await call).ReadAsJsonAsync<JsonObject>())!;
            problem["title"]!.ToString().ShouldStartWith("CCV Shop could not");
        }
        // A route without its own handling of outbound failures: the 502 still names the system.
        var reconcile = relay.Host.CallAsync("POST", "/api/connections/shop-1/reconcile", RelayFixture.AdminKey, 502);
        await ClockPump.RunAsync(() => relay.Clock, reconcile, TimeSpan.FromSeconds(5));
        (await (await reconcile).ReadAsJsonAsync<JsonObject>())!["title"]!.ToString().ShouldBe("CCV Shop failed");
    }

    [Fact]
    public async Task A_connection_is_changed_in_part_and_deleted_with_its_work_items_kept_on_record()
    {
        var created = await relay.Host.CreateConnectionAsync();
        (await relay.Host.PostWebhookAsync(created.WebhookPath("orders.created"), RelayScenarios.OrderDelivery(7))).IsSuccessStatusCode.ShouldBeTrue();

        var changed = await (await relay.Host.CallAsync("PATCH", "/api/connections/shop-1", RelayFixture.AdminKey, 200,
            new UpdateConnectionRequest(Name: "Renamed", CcvShop: new CcvShopCredentialsRequest("http://127.0.0.1:9/other", "new-public", "new-secret")))).ReadAsJsonAsync<ConnectionResponse>();
        changed!.Name.ShouldBe("Renamed");
        changed.CcvShop.PublicKey.ShouldBe("new-public");
        changed.AccountView!.ClientId.ShouldBe("client-id"); // left out, so kept
        await relay.Host.CallAsync("PATCH", "/api/connections/shop-1", RelayFixture.AdminKey, 400, new { name = "" });

        await relay.Host.CallAsync("DELETE", "/api/connections/shop-1", RelayFixture.AdminKey, 204);

        await relay.Host.CallAsync("GET", "/api/connections/shop-1", RelayFixture.AdminKey, 404);
        (await relay.Host.PostWebhookAsync(created.WebhookPath("orders.created"), RelayScenarios.OrderDelivery(8))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await relay.Host.GetAdminAsync<JsonObject>("/api/work-items/ccv:shop-1:order:7"))["key"]!.ToString().ShouldBe("ccv:shop-1:order:7");
    }

    [Fact]
    public async Task A_credential_stored_before_sealing_is_read_and_sealed_at_the_next_save()
    {
        await relay.Host.CreateConnectionAsync();
        await using (var session = relay.Store.LightweightSession())
        {
            // As a Relay from before sealing stored it: the secret in plain text.
            session.QueueSqlCommand("update relay.mt_doc_connectiondocument set data = jsonb_set(data, '{CcvShop,SecretKey}', '\"legacy-secret-value\"') where id = 'shop-1'");
            await session.SaveChangesAsync();
        }
        async Task<string> RawAsync()
        {
            await using var query = relay.Store.QuerySession();
            return string.Join("", await query.AdvancedSql.QueryAsync<string>("select data::text from relay.mt_doc_connectiondocument", CancellationToken.None));
        }
        (await RawAsync()).ShouldContain("legacy-secret-value");

        await relay.Host.CallAsync("PATCH", "/api/connections/shop-1", RelayFixture.AdminKey, 200, new UpdateConnectionRequest(Name: "Renamed"));

        (await RawAsync()).ShouldNotContain("legacy-secret-value");
        await using var read = relay.Store.QuerySession();
        (await read.LoadAsync<ConnectionDocument>("shop-1"))!.CcvShop.SecretKey.ShouldBe("legacy-secret-value");
    }

    [Fact]
    public async Task Credentials_are_sealed_in_the_database_and_no_GET_answer_shows_a_secret()
    {
        var connection = await relay.ConnectSimulatorsAsync(company: "extended-company"); // every lookup list answers there
        await RegisterAsync();
        await relay.Host.CallAsync("PATCH", "/api/connections/shop-1", RelayFixture.AdminKey, 200,
            new UpdateConnectionRequest(WebhookSignature: new WebhookSignatureRequest(WebhookSignatureScheme.None, null, "signature-key-0123456789")));
        var id = await relay.PlaceOrderAsync(new Relay.Simulators.CcvShop.SimulatedOrder("piet@example.nl", "Piet", "Puk", [new("ART-00001", 1)], Paid: true));
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);
        await using var session = relay.Store.QuerySession();
        var signatureKey = (await session.LoadAsync<ConnectionDocument>("shop-1"))!.WebhookSignature.Key;
        var refreshToken = (await session.LoadAsync<Relay.Api.Clients.AccountView.AccountViewTokenDocument>("shop-1"))!.RefreshToken;
        var webhookSecret = new Uri(connection.WebhookAddress).Segments[^1];
        string[] secrets = ["sandbox-secret", "sandbox-client-secret", signatureKey!, refreshToken, webhookSecret];
        secrets.ShouldAllBe(s => s.Length > 10);

        var stored = string.Join('\n', await session.AdvancedSql.QueryAsync<string>(
            "select data::text from relay.mt_doc_connectiondocument union all select data::text from relay.mt_doc_accountviewtokendocument", CancellationToken.None));
        foreach (var secret in secrets) stored.ShouldNotContain(secret);

        await relay.SetCustomerFlowAsync(new Relay.Domain.Customers.CustomerFlowSettings { Enabled = true });
        var import = await relay.StartImportAsync("customers");
        var answers = new List<string>();
        foreach (var url in await GetRoutesAsync($"ccv:shop-1:order:{id}", import.ImportId))
        {
            var result = await relay.Host.Scenario(s =>
            {
                s.Get.Url(url);
                s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
                s.StatusCodeShouldBeOk();
            });
            answers.Add($"{url}: {await result.ReadAsTextAsync()}");
        }
        answers.Count.ShouldBeGreaterThan(15);
        foreach (var answer in answers)
        foreach (var secret in secrets)
            answer.ShouldNotContain(secret, Case.Insensitive, customMessage: answer[..answer.IndexOf(':')]);
    }

    /// <summary>Every GET route of the OpenAPI document, with this test's ids filled in, and every lookup list.</summary>
    private async Task<List<string>> GetRoutesAsync(string workKey, string importId)
    {
        var swagger = await relay.Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json"));
        using var document = JsonDocument.Parse(await swagger.ReadAsTextAsync());
        var urls = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject().Where(p => p.Value.TryGetProperty("get", out _)))
        {
            if (path.Name == "/accountview/callback") continue; // not a read: it takes a one-time code
            var url = path.Name.Replace("{id}", "shop-1").Replace("{key}", Uri.EscapeDataString(workKey)).Replace("{tenantId}", "default").Replace("{importId}", importId);
            if (url.Contains("/lookups/accountview/")) urls.AddRange(new[] { "vatCodes", "ledgers", "paymentTerms", "paymentMethods", "shippingMethods", "articleGroups" }.Select(l => url.Replace("{list}", l)));
            else if (url.Contains("/lookups/ccvshop/")) urls.AddRange(new[] { "paymethods", "orderStatuses", "categories" }.Select(l => url.Replace("{list}", l)));
            else if (url.EndsWith("/personal-data", StringComparison.Ordinal)) urls.Add(url + "?email=piet@example.nl");
            else urls.Add(url);
        }
        urls.ShouldAllBe(u => !u.Contains('{'));
        return urls;
    }

    private async Task<List<WebhookRegistration.WebhookView>> RegisterAsync() =>
        (await (await relay.Host.CallAsync("POST", "/api/connections/shop-1/webhooks/register", RelayFixture.AdminKey, 200)).ReadAsJsonAsync<List<WebhookRegistration.WebhookView>>())!;
}
