using Relay.Domain.OrdersFromAccountView;

namespace Relay.Domain.Tests.OrdersFromAccountView;

/// <summary>Which AccountView sales orders go to the shop, as what, and which cannot.</summary>
public sealed class SalesOrderRuleTests
{
    private static readonly AccountViewDebtor Jan = new("10001", "jan@example.nl", "Jansen BV", "Jan Jansen",
        "Dorpsstraat 12", "1234 AB", "Utrecht", "NL", null);

    private static readonly Dictionary<string, ShopArticle> Shop = new() { ["ART-1"] = new(100, null),
        ["ART-2"] = new(200, 201) };

    private static AccountViewSalesOrder Order(string rep = "TEL", AccountViewDebtor? debtor = null,
        params AccountViewOrderLine[] lines) =>
        new("20001", null, rep, null, lines.Length == 0 ? [new("ART-1", 2, 12.10m)] : lines,
            debtor ?? Jan);

    private static readonly AccountViewOrderSettings ByRep = new()
        { Enabled = true, FilterField = "EMP_NR", FilterValues = ["tel"] };

    public static TheoryData<string, AccountViewSalesOrder, AccountViewOrderSettings, string> Plans => new()
    {
        // name, order, settings, plan
        { "selected by the filter (case-insensitive)", Order(), ByRep, "Create" },
        { "no filter: every order", Order(rep: "X"), new() { Enabled = true }, "Create" },
        { "not selected", Order(rep: "BUITEN"), ByRep, "Skip" },
        { "a debtor without e-mail", Order(debtor: Jan with { Email = null }), ByRep, "Refuse" },
        { "an article the shop lacks", Order("TEL", null, new AccountViewOrderLine("ART-9", 1, 1)), ByRep, "Refuse" },
        { "a variant", Order("TEL", null, new AccountViewOrderLine("ART-2", 1, 1)), ByRep, "Create" },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void An_order_is_created_skipped_or_refused(string name, AccountViewSalesOrder order,
        AccountViewOrderSettings settings, string expected) =>
        SalesOrderRules.Plan(order, Shop, settings).GetType().Name.ShouldBe(expected, name);

    [Fact]
    public void The_created_order_carries_the_reference_the_customer_and_AccountViews_prices()
    {
        var plan = SalesOrderRules.Plan(Order(), Shop, ByRep).ShouldBeOfType<SalesOrderPlan.Create>();
        plan.Draft.Reference.ShouldBe("AV-20001");
        plan.Draft.Customer.ShouldBe(Jan);
        plan.Draft.Rows.ShouldHaveSingleItem().ShouldBe(new ShopOrderDraftRow("ART-1", new(100, null), 2, 12.10m));
        var refused = SalesOrderRules.Plan(Order("TEL", null, new AccountViewOrderLine("ART-9", 1, 1)), Shop, ByRep);
        refused.Decisions.ShouldHaveSingleItem().ShouldContain("ART-9");
    }

    [Fact]
    public void The_shipping_articles_lines_are_the_shipping_cost_not_rows()
    {
        var order = Order("TEL", null, new AccountViewOrderLine("ART-1", 1, 10m), new AccountViewOrderLine("verzend", 1,
            6.95m));
        var plan = SalesOrderRules.Plan(order, Shop, ByRep, "VERZEND").ShouldBeOfType<SalesOrderPlan.Create>();
        plan.Draft.Shipping.ShouldBe(6.95m);
        plan.Draft.Rows.ShouldHaveSingleItem().ArticleCode.ShouldBe("ART-1");
        SalesOrderRules.Plan(Order("TEL", null, new AccountViewOrderLine("VERZEND", 1, 5m)), Shop, ByRep, "VERZEND")
            .ShouldBeOfType<SalesOrderPlan.Refuse>();
    }

    [Theory]
    [InlineData("AV-20001", "20001")]
    [InlineData("AV-", null)]
    [InlineData("WEB-20001", null)]
    [InlineData(null, null)]
    public void A_shop_reference_names_an_AccountView_order_only_with_the_prefix(string? reference, string? number) =>
        SalesOrderRules.NumberOf(reference, new AccountViewOrderSettings()).ShouldBe(number);

    [Fact]
    public void Settings_are_checked_by_field()
    {
        AccountViewOrderSettingsCheck.Problems(new AccountViewOrderSettings
        {
            FilterField = "EMP_NR", ReferencePrefix = "A", Status = 20,
        }).Keys.Order().ShouldBe(["filterValues", "referencePrefix", "status"]);
        AccountViewOrderSettingsCheck.Problems(new AccountViewOrderSettings()).ShouldBeEmpty();
    }
}
