using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Relay.Api.Features.Connections;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Orders;
using Relay.Domain.WorkItems;
using Relay.Simulators.CcvShop;

namespace Relay.Api.Tests.Dashboard;

/// <summary>The assistant's order questions on the test host: the status filter, VAT code and revenue account per
/// country, payment and shipping mappings with the choices read from the two systems; each saved through the order
/// flow's handler, refusals named beside the row and field they are about.</summary>
[Collection(RelayCollection.Name)]
public sealed class AnsweringTheOrderQuestionsInTheDashboard(RelayFixture relay) : IAsyncLifetime
{
    private const string Extended = "extended-company";

    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static IHtmlFormElement FormOf(IDocument page) =>
        page.QuerySelector<IHtmlFormElement>("form[method=post]:not(.sign-out)")!;


    private static IEnumerable<string> Options(IParentNode page, string id) =>
        page.QuerySelectorAll<IHtmlOptionElement>($"#{id} option").Select(o => o.Value);

    private async Task<OrderFlowSettings> StoredAsync() =>
        (await relay.Host.GetAdminAsync<ConnectionResponse>("/api/connections/shop-1")).Orders;

    [Fact]
    public async Task The_status_filter_is_ticked_from_the_shop_statuses_and_saved()
    {
        await relay.ConnectSimulatorsAsync(new OrderFlowSettings { Enabled = false });
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);
        var page = await visitor.GetAsync("/app/setup/shop-1/orders");
        page.QuerySelectorAll("input[name^='Form.Statuses']").Length.ShouldBe(14);
        page.QuerySelector("label[for=status-5]")!.TextContent.ShouldBe("5 · Sent");
        var form = FormOf(page);
        form.QuerySelector<IHtmlInputElement>("#status-1")!.IsChecked = true;
        form.QuerySelector<IHtmlInputElement>("#status-4")!.IsChecked = true;
        form.QuerySelector<IHtmlInputElement>("#only-paid")!.IsChecked = false;

        var saved = await visitor.SubmitAsync(form);

        saved.QuerySelector("#saved").ShouldNotBeNull();
        var stored = await StoredAsync();
        stored.Statuses.ShouldBe([1, 4]);
        stored.OnlyPaid.ShouldBeFalse();
        stored.Enabled.ShouldBeFalse();
        saved.QuerySelector<IHtmlInputElement>("#status-4")!.IsChecked.ShouldBeTrue();
        var again = FormOf(saved);
        again.QuerySelector<IHtmlInputElement>("#status-4")!.IsChecked = false;
        var one = await visitor.SubmitAsync(again);
        (await StoredAsync()).Statuses.ShouldBe([1]);
        var none = FormOf(one);
        none.QuerySelector<IHtmlInputElement>("#status-1")!.IsChecked = false;
        (await visitor.SubmitAsync(none)).QuerySelector("#saved").ShouldNotBeNull();
        (await StoredAsync()).Statuses.ShouldBeEmpty(); // any status
    }

    [Fact]
    public async Task A_country_row_is_added_a_bad_one_is_named_beside_it_and_an_emptied_row_is_removed()
    {
        await relay.ConnectSimulatorsAsync(new OrderFlowSettings { Enabled = false });
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);
        var page = await visitor.GetAsync("/app/setup/shop-1/tax");
        // The three default rows, then two empty ones; the codes are the administration's.
        page.QuerySelector<IHtmlInputElement>("#vat-1-rate")!.Value.ShouldBe("9");
        page.QuerySelector<IHtmlInputElement>("#vat-3-country")!.Value.ShouldBeEmpty();
        page.QuerySelector("#vat-5-country").ShouldBeNull();
        Options(page, "vat-3-code").ShouldBe(["", "EU", "EX", "H1", "L1", "N0"]);
        var form = FormOf(page);
        form.Type("vat-3-country", "BE");
        form.Type("vat-3-rate", "21 %");
        form.Choose("vat-3-code", "H1");

        var notARate = await visitor.SubmitAsync(form);

        notARate.QuerySelector("#vat-3-rate-error")!.TextContent.Trim().ShouldBe("A percentage, such as 21 or 9.");
        var refused = FormOf(notARate);
        refused.Type("vat-3-rate", "21");
        refused.Type("vat-3-country", "BEL");
        var badCountry = await visitor.SubmitAsync(refused);

        badCountry.QuerySelector("#vat-3-country-error")!.TextContent.Trim().ShouldBe("A two-letter ISO country code.");
        badCountry.QuerySelector("#vat-3-country")!.GetAttribute("aria-invalid").ShouldBe("true");
        (await StoredAsync()).VatCodes.Count.ShouldBe(3);
        var fixedForm = FormOf(badCountry);
        fixedForm.Type("vat-3-country", "be");
        fixedForm.Type("vat-2-country", ""); // NL 0 % is removed
        fixedForm.Type("revenue-3-where", "BE");
        fixedForm.Choose("revenue-3-account", "8100");
        fixedForm.Choose("revenue-3-customers", "Business");
        fixedForm.Choose("shipping-revenue", "8300");
        var saved = await visitor.SubmitAsync(fixedForm);

        saved.QuerySelector("#saved").ShouldNotBeNull();
        var stored = await StoredAsync();
        stored.VatCodes.ShouldBe([new("NL", 21m, "H1"), new("NL", 9m, "L1"), new("BE", 21m, "H1")]);
        stored.RevenueAccounts.ShouldContain(new RevenueAccountRule("BE", "8100", null, CustomerKind.Business));
        stored.ShippingRevenueAccount.ShouldBe("8300");
        stored.DiscountRevenueAccount.ShouldBeNull();
        saved.QuerySelector<IHtmlInputElement>("#vat-2-country")!.Value.ShouldBe("BE");
    }

    [Fact]
    public async Task A_payment_mapping_chosen_from_the_shops_and_accountviews_lists_books_the_next_order()
    {
        await relay.ConnectSimulatorsAsync(company: Extended);
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);
        var page = await visitor.GetAsync("/app/setup/shop-1/payment-shipping");
        Options(page, "payment-0-shop").ShouldContain("Mollie_iDEAL");
        Options(page, "payment-0-method").ShouldBe(["", "BANK", "BCMC", "IDEAL", "PAYPAL"]);
        Options(page, "shipping-0-method").ShouldBe(["", "AFHALEN", "DHL", "POSTNL"]);
        var form = FormOf(page);
        form.Choose("payment-0-shop", "Mollie_iDEAL");
        form.Choose("payment-0-method", "IDEAL");
        form.Choose("payment-0-terms", "00");
        form.Type("shipping-0-shop", "shipping");
        form.Choose("shipping-0-method", "DHL");

        var saved = await visitor.SubmitAsync(form);

        saved.QuerySelector("#saved").ShouldNotBeNull();
        var stored = await StoredAsync();
        stored.PaymentMethods.ShouldBe([new("Mollie_iDEAL", "IDEAL", "00")]);
        stored.ShippingMethods.ShouldBe([new("shipping", "DHL")]);
        var id = await relay.PlaceOrderAsync(new SimulatedOrder("piet@example.nl", "Piet", "Puk",
            [new("ART-00001", 1)], Paid: true, PaymethodId: 1));
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);
        var order = relay.SalesOrdersFor("WEB-1001", Extended).Single();
        order["PAY_TYPE"]!.ToString().ShouldBe("IDEAL");
        order["SHIP_MTH"]!.ToString().ShouldBe("DHL");
    }

    [Fact]
    public async Task Without_accountviews_lists_a_code_is_typed_and_an_unknown_mapping_row_is_named()
    {
        await relay.ConnectSimulatorsAsync(new OrderFlowSettings { Enabled = false });
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);
        var page = await visitor.GetAsync("/app/setup/shop-1/payment-shipping");
        // The standard administration has no payment-method list: the code is typed.
        page.QuerySelector("input#payment-0-method").ShouldNotBeNull();
        var form = FormOf(page);
        form.Choose("payment-0-shop", "Mollie_iDEAL");
        form.Type("payment-0-method", "IDEAL");
        form.Type("payment-0-terms", "1234");

        var refused = await visitor.SubmitAsync(form);

        refused.QuerySelector("#payment-0-terms-error")!.TextContent.Trim().ShouldBe("At most 2 characters.");
        (await StoredAsync()).PaymentMethods.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_form_older_than_a_change_made_meanwhile_saves_nothing_until_sent_again()
    {
        await relay.ConnectSimulatorsAsync(new OrderFlowSettings { Enabled = false });
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);
        var page = await visitor.GetAsync("/app/setup/shop-1/tax");
        var form = FormOf(page);
        form.Type("vat-3-country", "BE");
        form.Type("vat-3-rate", "21");
        form.Choose("vat-3-code", "H1");
        // Someone else books orders as invoices from now on, while this page is open.
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/flows/orders", RelayFixture.AdminKey, 200,
            new OrderFlowSettings { Enabled = false, Document = DocumentKind.SalesInvoice });

        var refused = await visitor.SubmitAsync(form);

        refused.QuerySelector("#step-error")!.TextContent.ShouldContain("Someone changed this connection");
        refused.QuerySelector("#saved").ShouldBeNull();
        (await StoredAsync()).VatCodes.Count.ShouldBe(3);
        refused.QuerySelector<IHtmlInputElement>("#vat-3-country")!.Value.ShouldBe("BE"); // the answers are kept
        var again = await visitor.SubmitAsync(FormOf(refused));
        again.QuerySelector("#saved").ShouldNotBeNull();
        var stored = await StoredAsync();
        stored.VatCodes.ShouldContain(new VatCodeRule("BE", 21m, "H1"));
        stored.Document.ShouldBe(DocumentKind.SalesInvoice); // a step changes only its own answers
    }
}
