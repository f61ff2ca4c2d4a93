using Relay.Domain.Orders;

namespace Relay.Domain.Tests.Orders;

public sealed class OrderFilterTests
{
    public static TheoryData<string, bool, int?, bool, int[], bool> Cases => new()
    {
        // name, paid, status, only paid, statuses, sent
        { "paid, only paid", true, 1, true, [], true },
        { "unpaid, only paid", false, 1, true, [], false },
        { "unpaid, any", false, 1, false, [], true },
        { "status in the list", true, 2, true, [1, 2], true },
        { "status not in the list", true, 5, true, [1, 2], false },
        { "no status yet (not completed)", true, null, true, [1], false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Only_matching_orders_are_sent(string name, bool paid, int? status, bool onlyPaid, int[] statuses, bool sent)
    {
        var reason = OrderFilter.ReasonToSkip(OrderSamples.Consumer(paid: paid, status: status), new OrderFlowSettings { OnlyPaid = onlyPaid, Statuses = statuses });

        (reason is null).ShouldBe(sent, name);
        if (!sent) reason!.ShouldContain("WEB-1001");
    }
}

public sealed class DebtorDecisionTests
{
    [Theory]
    [InlineData(null, null, null, true, "Create person")]
    [InlineData("De Winkel BV", null, null, true, "Create company")]
    [InlineData(null, "10001", null, true, "UseExisting update")]
    [InlineData(null, "10001", null, false, "UseExisting keep")]
    [InlineData("De Winkel BV", "10001", "99999", true, "UseDefault")]
    public void The_debtor_follows_the_rules(string? company, string? existing, string? defaultDebtor, bool updates, string expected)
    {
        var decision = DebtorDecision.For(OrderSamples.Consumer(company: company), new OrderFlowSettings { DefaultDebtor = defaultDebtor, UpdateCustomers = updates }, existing);

        var actual = decision switch
        {
            DebtorDecision.Create { AsCompany: true } => "Create company",
            DebtorDecision.Create => "Create person",
            DebtorDecision.UseExisting { Update: true } => "UseExisting update",
            DebtorDecision.UseExisting => "UseExisting keep",
            DebtorDecision.UseDefault { Number: "99999" } => "UseDefault",
            _ => "?",
        };
        actual.ShouldBe(expected);
        decision.Reason.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void A_company_debtor_carries_its_contact_vat_number_and_the_connection_defaults()
    {
        var order = OrderSamples.Consumer(company: "De Winkel BV", vatNumber: "BE0123456789");
        var fields = DebtorDecision.Fields(order, new OrderFlowSettings { DebtorDefaults = new Dictionary<string, string> { ["ACCT_NR"] = "1300", ["SIC_CODE"] = "WEB" } }, asCompany: true, "EU")
            .ToDictionary(f => f.Field, f => f.Value);

        fields["ACCT_NAME"].ShouldBe("De Winkel BV");
        fields["MAIN_CONT"].ShouldBe("Jan Jansen");
        fields["VAT_NR"].ShouldBe("BE0123456789");
        fields["SRC_CODE"].ShouldBe("DEWINKELBV");
        fields["SIC_CODE"].ShouldBe("WEB");
        fields["VAT_CODE"].ShouldBe("EU");
    }
}

public sealed class TaxRuleTests
{
    [Theory]
    [InlineData("NL", 21, null, "H1")]
    [InlineData("NL", 9, null, "L1")]
    [InlineData("NL", 0, null, "N0")]
    [InlineData("NL", 13, null, "H1")] // no row: the default
    [InlineData("NL", 21, "NL001234567B01", "H1")] // domestic business: normal VAT
    [InlineData("BE", 21, "BE0123456789", "EU")] // EU business with VAT number: reverse charge
    [InlineData("BE", 21, null, "H1")] // EU consumer: the home rows
    [InlineData("US", 21, null, "EX")] // outside the EU: export
    [InlineData("CH", 9, "CHE123", "EX")]
    public void The_vat_code_depends_on_destination_rate_and_vat_number(string country, decimal rate, string? vatNumber, string expected)
    {
        var (code, why) = TaxRules.VatCode(OrderSamples.Consumer(country, vatNumber: vatNumber), rate, new OrderFlowSettings());

        code.ShouldBe(expected);
        why.ShouldContain(expected);
    }

    [Theory]
    [InlineData("NL", "8000")]
    [InlineData("BE", "8100")]
    [InlineData("DE", "8100")]
    [InlineData("US", "8200")]
    public void The_revenue_account_follows_country_then_region(string country, string expected) =>
        TaxRules.RevenueAccount(OrderSamples.Consumer(country), new OrderFlowSettings()).Account.ShouldBe(expected);

    [Fact]
    public void A_country_row_beats_its_region()
    {
        var settings = new OrderFlowSettings { RevenueAccounts = [new("BE", "8110"), new("EU", "8100")] };

        TaxRules.RevenueAccount(OrderSamples.Consumer("BE"), settings).Account.ShouldBe("8110");
        TaxRules.RevenueAccount(OrderSamples.Consumer("DE"), settings).Account.ShouldBe("8100");
    }

    [Fact]
    public void Goods_delivered_abroad_are_taxed_where_they_go()
    {
        var order = OrderSamples.Consumer("NL", vatNumber: "DE123456789") with
        {
            Delivery = new PostalAddress("Lager", "Firma", "Hauptstr. 1", "10115", "Berlin", "DE"),
        };

        TaxRules.VatCode(order, 21, new OrderFlowSettings()).Code.ShouldBe("EU");
    }
}

public sealed class OrderDocumentTests
{
    private static readonly OrderFlowSettings Settings = new()
    {
        PaymentMethods = [new("Mollie_iDEAL", "IDEAL", "00")],
        ShippingMethods = [new("PG", "POSTNL-PU")],
    };

    [Fact]
    public void Rows_shipping_and_mappings_make_the_document()
    {
        var document = OrderDocumentBuilder.Build(OrderSamples.Consumer(), Settings, "10001", null);

        document.Lines.Select(l => (l.ArticleCode, l.Quantity, l.UnitPrice, l.VatCode)).ShouldBe([("ART-1", 2m, 10.00m, "H1"), ("VERZEND", 1m, 4.95m, "H1")]);
        document.Total.ShouldBe(24.95m);
        document.PaymentMethod.ShouldBe("IDEAL");
        document.PaymentTerms.ShouldBe("00");
        document.ShippingMethod.ShouldBe("POSTNL"); // "shipping" is not mapped: the default, and said so
        document.Decisions.ShouldContain(d => d.Contains("not mapped") && d.Contains("POSTNL"));
    }

    [Fact]
    public void Coupons_costs_and_per_line_discounts_add_up_to_the_shop_total()
    {
        var order = OrderSamples.Consumer() with
        {
            Lines = [new ShopOrderLine("ART-1", "Theepot", 2, 10.00m, 1.00m, 21), new ShopOrderLine("ART-2", "Boek", 1, 15.00m, 0, 9)],
            PaymentCosts = 0.50m, CouponCode = "SPRING5", CouponDiscount = 5m, DeliveryOption = "PG",
            Total = 18.00m + 15.00m + 4.95m + 0.50m - 5m,
        };

        var document = OrderDocumentBuilder.Build(order, Settings, "10001", "D1");

        document.Total.ShouldBe(order.Total);
        document.Lines.Select(l => l.VatCode).ShouldBe(["H1", "L1", "H1", "H1", "H1"]);
        document.Lines[^1].UnitPrice.ShouldBe(-5m);
        document.ShippingMethod.ShouldBe("POSTNL-PU");
        document.DeliveryAddressCode.ShouldBe("D1");
        document.Lines.ShouldNotContain(l => l.Description == "Afronding");
    }

    [Fact]
    public void A_total_that_does_not_add_up_gets_a_rounding_line_on_record()
    {
        var order = OrderSamples.Consumer() with { Total = 24.96m };

        var document = OrderDocumentBuilder.Build(order, Settings, "10001", null);

        document.Total.ShouldBe(24.96m);
        document.Lines[^1].Description.ShouldBe("Afronding");
        document.Lines[^1].UnitPrice.ShouldBe(0.01m);
        document.Decisions.ShouldContain(d => d.Contains("rounding line of 0.01"));
    }

    [Fact]
    public void Missing_articles_are_listed_once_each()
    {
        var order = OrderSamples.Consumer() with { Lines = [new ShopOrderLine("A", "", 1, 1, 0, 21), new ShopOrderLine("B", "", 1, 1, 0, 21), new ShopOrderLine("A", "", 1, 1, 0, 21)] };

        OrderDocumentBuilder.MissingArticles(order, Settings, new HashSet<string> { "B" }).ShouldBe(["A", "VERZEND"]);
    }
}

public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 60)]
    [InlineData(3, 300)]
    [InlineData(4, 1800)]
    [InlineData(5, 7200)]
    [InlineData(6, 21600)]
    public void Transient_failures_are_retried_later_and_later(int failures, int seconds) =>
        RetrySchedule.Next(failures, Now).ShouldBe(Now.AddSeconds(seconds));

    [Fact]
    public void After_six_failures_the_schedule_is_used_up() => RetrySchedule.Next(7, Now).ShouldBeNull();

    [Theory]
    [InlineData("temporary, first failure", false, 0, "Timeout.", false, true)]
    [InlineData("temporary, schedule used up", false, 6, "Timeout. Retries used up.", true, false)]
    [InlineData("permanent", true, 0, "Refused.", true, false)]
    public void A_failure_is_recorded_with_its_next_attempt_or_as_final(string name, bool permanent, int attemptsBefore, string reason, bool final, bool hasNext)
    {
        var (why, isFinal, next) = RetrySchedule.Failure(permanent ? "Refused." : "Timeout.", permanent, attemptsBefore, Now);
        why.ShouldBe(reason, name);
        isFinal.ShouldBe(final, name);
        (next is not null).ShouldBe(hasNext, name);
    }
}
