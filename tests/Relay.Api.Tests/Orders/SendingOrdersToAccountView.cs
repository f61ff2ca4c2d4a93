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
        lines.Select(l => l["VAT_CODE"]!.ToString()).ShouldAllBe(code => code == "H1");
        lines.Select(l => l["ACCT_NR"]!.ToString()).ShouldAllBe(account => account == "8000");
        item.Attempts.ShouldBe(1);
        var events = await relay.EventsOfAsync(id);
        events.OfType<OrderDecided>().Single().Decisions.ShouldContain(d => d.Contains("person debtor"));
        events.OfType<OrderSent>().Single().AccountViewNumber.ShouldBe(order["ORD_NR"]!.ToString());
    }

    [Fact]
    public async Task A_business_order_from_belgium_gets_a_company_debtor_reverse_charge_and_the_eu_revenue_account()
    {
        await relay.ConnectSimulatorsAsync();

        var id = await relay.PlaceOrderAsync(new SimulatedOrder("inkoop@dewinkel.be", "Els", "Peeters", [new("ART-00005", 3)], Company: "De Winkel BV",
            Street: "Meir", HouseNumber: 1, Zipcode: "2000", City: "Antwerpen", CountryCode: "BE", VatNumber: "BE0123456789", CocNumber: "0123456789", Paid: true));
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);

        var debtor = relay.Simulators.AccountView.Rows("CONTACT").Single(c => c["MAIL_BUS"]?.ToString() == "inkoop@dewinkel.be");
        debtor["ACCT_NAME"]!.ToString().ShouldBe("De Winkel BV");
        debtor["MAIN_CONT"]!.ToString().ShouldBe("Els Peeters");
        debtor["VAT_NR"]!.ToString().ShouldBe("BE0123456789");
        debtor["CNT_CODE"]!.ToString().ShouldBe("BE");
        var lines = relay.LinesOf(relay.SalesOrdersFor("WEB-1001").Single());
        lines.ShouldAllBe(l => l["VAT_CODE"]!.ToString() == "EU" && l["ACCT_NR"]!.ToString() == "8100");
        (await relay.EventsOfAsync(id)).OfType<OrderDecided>().Single().Decisions.ShouldContain(d => d.Contains("reverse charge"));
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
