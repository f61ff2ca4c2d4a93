using Relay.Domain.Orders;

namespace Relay.Domain.Tests.Orders;

/// <summary>Revenue accounts as a bookkeeper sets them up, and article codes for rows the shop gives none.</summary>
public sealed class LedgerAndArticleCodeTests
{
    private static readonly OrderFlowSettings Bookkeeper = new()
    {
        RevenueAccounts =
        [
            new("NL", "8000", 21m), new("NL", "8010", 9m), new("EU", "8100", Customers: CustomerKind.Business),
            new("EU", "8110", Customers: CustomerKind.Consumer), new("DE", "8120", 19m, CustomerKind.Consumer), new("WORLD", "8200"),
        ],
    };

    public static TheoryData<string, string, decimal, string?, string> Rows => new()
    {
        // name, country, rate, VAT number, expected account
        { "NL high rate", "NL", 21m, null, "8000" },
        { "NL low rate", "NL", 9m, null, "8010" },
        { "NL rate without a row: the default", "NL", 0m, null, "8000" },
        { "EU business (VAT number)", "BE", 21m, "BE0123456789", "8100" },
        { "EU consumer", "BE", 21m, null, "8110" },
        { "a country's own row beats its region", "DE", 19m, null, "8120" },
        { "a country's row for another rate does not apply", "DE", 7m, null, "8110" },
        { "outside the EU", "US", 0m, null, "8200" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_most_specific_revenue_row_wins(string name, string country, decimal rate, string? vatNumber, string expected) =>
        TaxRules.RevenueAccount(country, rate, TaxRules.IsBusiness(vatNumber), Bookkeeper).Account.ShouldBe(expected, name);

    [Fact]
    public void Each_line_is_booked_on_the_account_of_its_own_rate()
    {
        var order = OrderSamples.Consumer() with
        {
            Lines = [new ShopOrderLine("ART-1", "Theepot", 2, 10.00m, 0, 21), new ShopOrderLine("BOEK", "Boek", 1, 15.00m, 0, 9)],
            Total = 2 * 10.00m + 15.00m + 4.95m,
        };

        var document = OrderDocumentBuilder.Build(order, Bookkeeper, "10001", null);

        document.Lines.Select(l => (l.ArticleCode, l.RevenueAccount)).ShouldBe([("ART-1", "8000"), ("BOEK", "8010"), ("VERZEND", "8000")]);
    }

    [Fact]
    public void Shipping_and_discount_lines_go_to_their_own_ledgers_when_set()
    {
        var settings = Bookkeeper with { ShippingRevenueAccount = "8300", DiscountRevenueAccount = "8400" };
        var order = OrderSamples.Consumer() with { CouponCode = "WELKOM", CouponDiscount = 2m, Total = 2 * 10.00m + 4.95m - 2m };

        var document = OrderDocumentBuilder.Build(order, settings, "10001", null);

        document.Lines.Single(l => l.Description == "Verzendkosten").RevenueAccount.ShouldBe("8300");
        document.Lines.Single(l => l.Description.StartsWith("Kortingscode")).RevenueAccount.ShouldBe("8400");
        document.Decisions.ShouldContain(d => d.Contains("ledger 8300"));
    }

    private static ShopOrder WithRow(ShopOrderLine line) => OrderSamples.Consumer() with { Lines = [line] };

    private static readonly ShopOrderLine NoCode = new("", "Hoodie blauw", 1, 10, 0, 21) { ProductId = 701234567, Ean = "8712345000017" };

    public static TheoryData<string, ShopOrderLine, OrderFlowSettings, string?> Codes => new()
    {
        // name, row, settings, expected code (null: the row is named as having none)
        { "the shop's own code is kept", NoCode with { ArticleCode = "HOODIE-B" }, new OrderFlowSettings(), "HOODIE-B" },
        { "product id as the code", NoCode, new OrderFlowSettings { ArticleCodeFallback = "line.productId" }, "701234567" },
        { "EAN as the code", NoCode, new OrderFlowSettings { ArticleCodeFallback = "line.ean" }, "8712345000017" },
        { "the product table", NoCode, new OrderFlowSettings { ProductArticleCodes = new Dictionary<string, string> { ["701234567"] = "HOOD-1" } },
            "HOOD-1" },
        { "an empty fallback goes on to the table", NoCode with { Ean = null },
            new OrderFlowSettings { ArticleCodeFallback = "line.ean", ProductArticleCodes = new Dictionary<string, string> { ["701234567"] = "HOOD-1" } },
            "HOOD-1" },
        { "nothing gives a code", NoCode, new OrderFlowSettings(), null },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public void A_row_without_a_code_gets_one_from_the_connection_or_is_named(string name, ShopOrderLine row, OrderFlowSettings settings,
        string? expected)
    {
        var resolved = ArticleCodes.Resolve(WithRow(row), settings);

        if (expected is null)
        {
            resolved.RowsWithout.ShouldBe(["row 1 'Hoodie blauw' (product 701234567) has no article code"], name);
            ArticleCodes.Reason(resolved.RowsWithout).ShouldContain("productArticleCodes");
        }
        else
        {
            resolved.RowsWithout.ShouldBeEmpty(name);
            resolved.Order.Lines[0].ArticleCode.ShouldBe(expected, name);
            (row.ArticleCode.Length > 0 ? resolved.Decisions.Count == 0 : resolved.Decisions.Single().Contains(expected)).ShouldBeTrue(name);
        }
    }

    public static TheoryData<string, OrderFlowSettings, string> BadSettings => new()
    {
        { "unknown fallback", new OrderFlowSettings { ArticleCodeFallback = "line.colour" }, "articleCodeFallback" },
        { "not a product id", new OrderFlowSettings { ProductArticleCodes = new Dictionary<string, string> { ["abc"] = "X" } }, "productArticleCodes" },
        { "empty article", new OrderFlowSettings { ProductArticleCodes = new Dictionary<string, string> { ["12"] = "" } }, "productArticleCodes.12" },
        { "two rows alike", new OrderFlowSettings { RevenueAccounts = [new("NL", "8000"), new("NL", "8001")] }, "revenueAccounts" },
        { "rate out of range", new OrderFlowSettings { RevenueAccounts = [new("NL", "8000", 121m)] }, "revenueAccounts[0].vatRate" },
        { "shipping ledger too long", new OrderFlowSettings { ShippingRevenueAccount = "12345678901" }, "shippingRevenueAccount" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Bad_ledger_and_code_settings_are_named(string name, OrderFlowSettings settings, string field) =>
        OrderFlowSettingsCheck.Problems(settings).ShouldContainKey(field, name);
}
