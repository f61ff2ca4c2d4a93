using Relay.Domain.Products;

namespace Relay.Domain.Tests.Products;

public sealed class ArticleRuleTests
{
    private static readonly ShopProduct Cap = new(1, "CAP-910", "Pet zwart", "", "<p>Pet</p>", 24.20m, "", "normal", true, ["Petten"], null,
        [new(11, "CAP-910-S", "111", 0m, true, [new("Maat", "S")]), new(12, "", "222", 1.21m, false, [new("Maat", "M")])]);

    [Fact]
    public void Each_variant_is_an_article_coded_by_its_SKU_or_else_by_number_and_values()
    {
        ArticleRules.Articles(Cap).Select(a => (a.Code, a.Name, a.Price, a.Active))
            .ShouldBe([("CAP-910-S", "Pet zwart S", 24.20m, true), ("CAP-910-M", "Pet zwart M", 25.41m, false)]);
    }

    [Fact]
    public void A_new_article_gets_every_group_with_the_price_without_VAT_and_the_VAT_code_of_the_tariff()
    {
        var writes = ArticleRules.Plan(Cap, new Dictionary<string, IReadOnlyDictionary<string, string?>>(), "PETTEN", null, new ProductFlowSettings(), []);

        var small = writes[0];
        small.Create.ShouldBeTrue();
        small.Fields.ShouldBe([("ART_DESC1", "Pet zwart S"), ("PX_SELL", 20.00m), ("EAN_CODE", "111"), ("VAT_CODE", "H1"), ("AG_CODE", "PETTEN"), ("REC_BLK", false)]);
        writes[1].Fields.ShouldContain(("REC_BLK", true)); // an inactive variant is blocked
    }

    [Fact]
    public void An_existing_article_gets_only_changed_fields_of_switched_on_groups()
    {
        var existing = new Dictionary<string, IReadOnlyDictionary<string, string?>>
        {
            ["CAP-910-S"] = new Dictionary<string, string?> { ["ART_DESC1"] = "Pet (eigen tekst)", ["PX_SELL"] = "18", ["EAN_CODE"] = "111", ["VAT_CODE"] = "H1", ["REC_BLK"] = "false" },
        };
        var writes = ArticleRules.Plan(Cap, existing, "PETTEN", null, new ProductFlowSettings(), []);

        var small = writes[0];
        small.Create.ShouldBeFalse();
        small.Fields.ShouldBe([("PX_SELL", 20.00m)]); // the name is create-only by default; the group too
        small.Groups.ShouldBe([ProductFieldGroup.Price]);
    }

    public static TheoryData<string, string> Groups => new()
    {
        { "Keuken", "KEUKEN" },
        { "Petten & mutsen", "PETTENMUTS" },
        { "!!", "WEBSHOP" },
    };

    [Theory]
    [MemberData(nameof(Groups))]
    public void A_category_name_makes_a_group_code(string category, string code) => ArticleRules.GroupCode(category).ShouldBe(code);
}
