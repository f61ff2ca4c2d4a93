using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Orders;
using Relay.Domain.WorkItems;
using Relay.Simulators.CcvShop;

namespace Relay.Api.Tests.Orders;

/// <summary>End to end: an order placed in the simulated shop reaches the simulated AccountView through webhooks and rules.</summary>
[Collection(RelayCollection.Name)]
public sealed class SendingOrdersToAccountView(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static SimulatedOrder Consumer(string email = "piet@example.nl", bool paid = true, params SimulatedOrderRow[] rows) =>
        new(email, "Piet", "Puk", rows.Length == 0 ? [new("ART-00001", 2)] : rows, Paid: paid, Street: "Kerkstraat", HouseNumber: 5,
            Zipcode: "8011AA", City: "Zwolle");

    [Fact]
    public async Task A_paid_consumer_order_becomes_a_person_debtor_and_a_sales_order_with_a_shipping_line()
    {
        await relay.ConnectSimulatorsAsync();

        var id = await relay.PlaceOrderAsync(Consumer());
        var item = await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);

        var debtor = relay.Simulators.AccountView.Rows("CONTACT").Single(c => c["MAIL_BUS"]?.ToString() == "piet@example.nl");
        debtor["ACCT_NAME"]!.ToString().ShouldBe("Piet Puk");
        debtor["ADDRESS1"]!.ToString().ShouldBe("Kerkstraat 5");
        var order = relay.SalesOrdersFor("WEB-1001").Single();
        order["RPL_INV"]!.ToString().ShouldBe(debtor["SUB_NR"]!.ToString());
        var lines = relay.LinesOf(order);
        lines.Select(l => l["ART_CODE"]!.ToString()).ShouldBe(["ART-00001", "VERZEND"]);
        item.Attempts.ShouldBe(1);
        var events = await relay.EventsOfAsync(id);
        events.OfType<OrderDecided>().Single().Decisions.ShouldContain(d => d.Contains("person debtor"));
        events.OfType<OrderSent>().Single().AccountViewNumber.ShouldBe(order["ORD_NR"]!.ToString());
        // The order and its rows in one read of the shop's budget (expand=orderrows).
        var reads = relay.Simulators.CcvShop.Journal.Entries.Where(e => e.Method == "GET" && e.Target.Contains($"/orders/{id}")).ToList();
        reads.Select(e => e.Target).ShouldAllBe(t => t.EndsWith($"/orders/{id}?expand=orderrows"));
        reads.Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_administration_without_the_optional_fields_gets_the_order_without_them_and_the_audit_says_so()
    {
        await relay.ConnectSimulatorsAsync(); // a standard administration refuses PAY_TYPE, DISC_CODE, SHIP_MTH, GROSS_FLG on SO_HDR

        var id = await relay.PlaceOrderAsync(Consumer());
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);

        var order = relay.SalesOrdersFor("WEB-1001").Single();
        new[] { "PAY_TYPE", "DISC_CODE", "SHIP_MTH", "GROSS_FLG" }.ShouldAllBe(f => !order.ContainsKey(f));
        relay.LinesOf(order).ShouldAllBe(l => !l.ContainsKey("VAT_CODE") && !l.ContainsKey("ACCT_NR"));
        var decisions = (await relay.EventsOfAsync(id)).OfType<OrderDecided>().Single().Decisions;
        decisions.ShouldContain("Left out of SO_HDR: PAY_TYPE, DISC_CODE, SHIP_MTH, GROSS_FLG (this administration's SO_HDR has no such field).");
        decisions.ShouldContain("Left out of SO_LINE: VAT_CODE, ACCT_NR (this administration's SO_LINE has no such field).");
    }

    [Fact]
    public async Task An_administration_with_the_optional_fields_gets_them_on_the_sales_order()
    {
        const string company = "extended-company";
        await relay.ConnectSimulatorsAsync(new OrderFlowSettings { PaymentMethods = [new("Mollie_iDEAL", "IDEAL", "00")] }, company: company);

        var id = await relay.PlaceOrderAsync(Consumer());
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);

        var order = relay.SalesOrdersFor("WEB-1001", company).Single();
        order["SHIP_MTH"]!.ToString().ShouldBe("POSTNL");
        order["GROSS_FLG"]!.GetValue<bool>().ShouldBeTrue();
        order["DISC_CODE"].ShouldNotBeNull();
        var lines = relay.LinesOf(order, company);
        lines.Select(l => l["VAT_CODE"]!.ToString()).ShouldAllBe(code => code == "H1");
        lines.Select(l => l["ACCT_NR"]!.ToString()).ShouldAllBe(account => account == "8000");
        (await relay.EventsOfAsync(id)).OfType<OrderDecided>().Single().Decisions.ShouldNotContain(d => d.StartsWith("Left out"));
    }

    [Fact]
    public async Task A_business_order_from_belgium_gets_a_company_debtor_reverse_charge_and_the_eu_revenue_account()
    {
        const string company = "extended-company";
        await relay.ConnectSimulatorsAsync(company: company);

        var id = await relay.PlaceOrderAsync(new SimulatedOrder("inkoop@dewinkel.be", "Els", "Peeters", [new("ART-00005", 3)], Company: "De Winkel BV",
            Street: "Meir", HouseNumber: 1, Zipcode: "2000", City: "Antwerpen", CountryCode: "BE", VatNumber: "BE0123456789", CocNumber: "0123456789", Paid: true));
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);

        var debtor = relay.Simulators.AccountView.Rows("CONTACT", company).Single(c => c["MAIL_BUS"]?.ToString() == "inkoop@dewinkel.be");
        debtor["ACCT_NAME"]!.ToString().ShouldBe("De Winkel BV");
        debtor["MAIN_CONT"]!.ToString().ShouldBe("Els Peeters");
        debtor["VAT_NR"]!.ToString().ShouldBe("BE0123456789");
        debtor["CNT_CODE"]!.ToString().ShouldBe("BE");
        var lines = relay.LinesOf(relay.SalesOrdersFor("WEB-1001", company).Single(), company);
        lines.ShouldAllBe(l => l["VAT_CODE"]!.ToString() == "EU" && l["ACCT_NR"]!.ToString() == "8100");
        (await relay.EventsOfAsync(id)).OfType<OrderDecided>().Single().Decisions.ShouldContain(d => d.Contains("reverse charge"));
        // The audit trail names people by role and debtors by number: no e-mail, name or VAT number in it, but for
        // the customer on record, which the connection's retention masks.
        var trail = System.Text.Json.Nodes.JsonNode.Parse((await relay.Host.CallAsync("GET",
            $"/api/work-items/ccv:shop-1:order:{id}/events", RelayFixture.AdminKey, 200)).ReadAsText())!.AsArray();
        var decided = trail.Single(e => e!["type"]!.GetValue<string>() == "order_decided")!["data"]!.AsObject();
        decided["customer"]!["email"]!.GetValue<string>().ShouldBe("inkoop@dewinkel.be");
        decided.Remove("customer");
        foreach (var personal in new[] { "inkoop@dewinkel.be", "Peeters", "BE0123456789", "De Winkel" })
            trail.ToJsonString().ShouldNotContain(personal);
    }

    [Fact]
    public async Task Revenue_accounts_follow_the_rate_and_shipping_and_discounts_their_own_ledgers()
    {
        const string company = "extended-company";
        await relay.ConnectSimulatorsAsync(new OrderFlowSettings
        {
            RevenueAccounts = [new("NL", "8000", 21m), new("NL", "8010", 9m), new("EU", "8100")],
            ShippingRevenueAccount = "8300", DiscountRevenueAccount = "8400",
        }, company: company);
        lock (relay.Simulators.CcvShop.Store.Gate) // a book: 9% VAT
            relay.Simulators.CcvShop.Store["products"].Values.First(p => p["productnumber"]?.GetValue<string>() == "ART-00005")["taxtariff"] = "reduced";

        var id = await relay.PlaceOrderAsync(Consumer(rows: [new("ART-00001", 1), new("ART-00005", 1)]) with { CouponCode = "WELKOM", CouponDiscount = 2 });
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);

        var lines = relay.LinesOf(relay.SalesOrdersFor("WEB-1001", company).Single(), company);
        lines.Select(l => l["ACCT_NR"]!.ToString()).ShouldBe(["8000", "8010", "8300", "8400"]);
    }

    [Fact]
    public async Task A_row_without_an_article_code_goes_through_with_a_product_mapping_and_fails_by_name_without_one_leaving_nothing()
    {
        await relay.ConnectSimulatorsAsync();
        var rows = new SimulatedOrderRow[] { new("", 1, Price: 39.95m, Name: "Hoodie blauw", ProductId: 701234567) };
        var debtors = relay.Simulators.AccountView.Rows("CONTACT").Count;

        var without = await relay.PlaceOrderAsync(Consumer("nieuw@example.nl", rows: rows));
        var failed = await relay.WaitForOrderAsync(without, WorkStatus.Failed);

        failed.LastError!.ShouldStartWith("row 1 'Hoodie blauw' (product 701234567) has no article code.");
        relay.Simulators.AccountView.Rows("CONTACT").Count.ShouldBe(debtors); // nothing was written, not even the new debtor
        relay.Simulators.AccountView.Journal.Entries.ShouldNotContain(e => e.Method != "GET" && e.Target.Contains("accountviewdata"));
        var listed = (await relay.Host.GetAdminAsync<Features.WorkItems.WorkItemPage>("/api/work-items?status=Failed")).Items.Single();
        listed.Permanent.ShouldBeTrue();
        listed.NextAttemptAt.ShouldBeNull();

        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/flows/orders", RelayFixture.AdminKey, 200, new OrderFlowSettings
        {
            ProductArticleCodes = new Dictionary<string, string> { ["701234567"] = "ART-00001" },
        });
        await relay.Host.CallAsync("POST", $"/api/work-items/ccv:shop-1:order:{without}/replay", RelayFixture.AdminKey, 202);
        await relay.WaitForOrderAsync(without, WorkStatus.Succeeded);

        relay.LinesOf(relay.SalesOrdersFor("WEB-1001").Single()).First()["ART_CODE"]!.ToString().ShouldBe("ART-00001");
        (await relay.EventsOfAsync(without)).OfType<OrderDecided>().Single().Decisions
            .ShouldContain(d => d.Contains("article ART-00001 from the connection's product table"));
    }

    [Fact]
    public async Task Missing_articles_fail_the_order_before_a_debtor_is_made()
    {
        await relay.ConnectSimulatorsAsync();
        relay.Simulators.AccountView.Store.Table("sandbox-company", "ARTICLE").RemoveAll(a => a["ART_CODE"]?.ToString() == "ART-00005");
        var debtors = relay.Simulators.AccountView.Rows("CONTACT").Count;

        var id = await relay.PlaceOrderAsync(Consumer("nieuw@example.nl", rows: [new("ART-00005", 1)]));
        var failed = await relay.WaitForOrderAsync(id, WorkStatus.Failed);

        failed.LastError!.ShouldContain("Articles missing in AccountView: ART-00005");
        relay.Simulators.AccountView.Rows("CONTACT").Count.ShouldBe(debtors);
    }

    [Fact]
    public async Task A_coupon_and_a_variant_row_give_a_discount_line_and_the_variants_article_and_add_up_to_the_total()
    {
        await relay.ConnectSimulatorsAsync();

        var id = await relay.PlaceOrderAsync(Consumer(rows: [new("ART-00002-M", 1, Discount: 1), new("ART-00001", 1)]) with { CouponCode = "SPRING5", CouponDiscount = 5 });
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);

        var shopOrder = relay.Simulators.CcvShop.Store["orders"][id];
        var lines = relay.LinesOf(relay.SalesOrdersFor("WEB-1001").Single());
        lines.Select(l => l["ART_CODE"]!.ToString()).ShouldBe(["ART-00002-M", "ART-00001", "VERZEND", "VERZEND"]);
        lines[^1]["ART_PX"]!.GetValue<decimal>().ShouldBe(-5m);
        lines.Sum(l => l["ORD_QTY"]!.GetValue<decimal>() * l["ART_PX"]!.GetValue<decimal>()).ShouldBe(shopOrder["total_price"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task An_unpaid_order_is_skipped_and_sent_when_the_paid_webhook_comes()
    {
        await relay.ConnectSimulatorsAsync();

        var id = await relay.PlaceOrderAsync(Consumer(paid: false));
        var skipped = await relay.WaitForOrderAsync(id, WorkStatus.Skipped);
        await relay.MarkPaidAsync(id);
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);

        skipped.LastError!.ShouldContain("not paid");
        relay.SalesOrdersFor("WEB-1001").Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_existing_debtor_found_by_email_is_updated_not_duplicated()
    {
        await relay.ConnectSimulatorsAsync();
        var debtorsBefore = relay.Simulators.AccountView.Rows("CONTACT").Count;

        var id = await relay.PlaceOrderAsync(Consumer("jan@example.nl") with { FirstName = "Jan", LastName = "Jansen", City = "Amersfoort" });
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);

        relay.Simulators.AccountView.Rows("CONTACT").Count.ShouldBe(debtorsBefore);
        var jan = relay.Simulators.AccountView.Rows("CONTACT").Single(c => c["SUB_NR"]!.ToString() == "10001");
        jan["CITY"]!.ToString().ShouldBe("Amersfoort");
        relay.SalesOrdersFor("WEB-1001").Single()["RPL_INV"]!.ToString().ShouldBe("10001");
    }

    [Fact]
    public async Task Several_orders_of_one_new_customer_at_once_make_one_debtor()
    {
        await relay.ConnectSimulatorsAsync();

        var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => relay.PlaceOrderAsync(Consumer("nieuw@example.nl"))));
        foreach (var id in ids) await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);

        relay.Simulators.AccountView.Rows("CONTACT").Count(c => c["MAIL_BUS"]?.ToString() == "nieuw@example.nl").ShouldBe(1);
        relay.Simulators.AccountView.Rows("SO_HDR").Count.ShouldBe(4);
    }

    [Fact]
    public async Task Default_debtor_mode_books_on_the_default_debtor()
    {
        await relay.ConnectSimulatorsAsync(new OrderFlowSettings { DefaultDebtor = "10001" });
        var debtorsBefore = relay.Simulators.AccountView.Rows("CONTACT").Count;

        var id = await relay.PlaceOrderAsync(Consumer());
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);

        relay.Simulators.AccountView.Rows("CONTACT").Count.ShouldBe(debtorsBefore);
        relay.SalesOrdersFor("WEB-1001").Single()["RPL_INV"]!.ToString().ShouldBe("10001");
    }

    [Fact]
    public async Task Sales_invoice_mode_books_a_journal_page_in_the_sales_journal()
    {
        await relay.ConnectSimulatorsAsync(new OrderFlowSettings { Document = DocumentKind.SalesInvoice });

        var id = await relay.PlaceOrderAsync(Consumer());
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);

        var page = relay.Simulators.AccountView.Rows("DJ_PAGE").Single(p => p["COMMENT1"]?.ToString() == "WEB-1001");
        page["DJ_CODE"]!.ToString().ShouldBe("70");
        var lines = relay.Simulators.AccountView.Rows("DJ_LINE").Where(l => l["INV_NR"]?.ToString() == page["INV_NR"]!.ToString()).ToList();
        lines.Sum(l => l["AMOUNT"]!.GetValue<decimal>()).ShouldBe(relay.Simulators.CcvShop.Store["orders"][id]["total_price"]!.GetValue<decimal>());
        relay.Simulators.AccountView.Rows("SO_HDR").ShouldBeEmpty();
    }
}
