using Relay.Domain.Products;

namespace Relay.Domain.Tests.Products;

public sealed class ProductRuleTests
{
    private static SourceArticle Article(string code, string name = "Lamp koper", decimal price = 50m, string ean = "8712345000109",
        string vat = "H1", bool blocked = false, string? image = null, string groupName = "Keuken") =>
        new(code, name, null, "KEUKEN", groupName, price, ean, vat, blocked, image, 5);

    private static ArticleFamily Family(params SourceArticle[] articles) =>
        ShopProductRules.Families(articles, new VariantScheme()).Single();

    private static ShopProductState Existing(string name = "Lamp koper", decimal price = 60.50m, string ean = "8712345000109", bool active = true,
        IReadOnlyList<string>? categories = null, IReadOnlyList<ShopVariantState>? variants = null) =>
        new(7, name, name, name, price, ean, "normal", active, categories ?? ["Keuken"], variants ?? []);

    public static TheoryData<string, string, string, string> Codes => new()
    {
        { "a size at the end: variant of the family", "ART-00002-M", "ART-00002", "Maat=M" },
        { "no size: a simple product", "ART-00001", "ART-00001", "" },
        { "a dash but no size", "LAMP-100", "LAMP-100", "" },
        { "XL before L: the longest size wins", "TEE-XL", "TEE", "Maat=XL" },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public void The_default_scheme_reads_family_and_size_from_the_code(string name, string code, string family, string attributes)
    {
        var key = new VariantScheme().Of(code);
        key.Family.ShouldBe(family, name);
        string.Join(",", key.Attributes.Select(a => $"{a.Attribute}={a.Value}")).ShouldBe(attributes, name);
    }

    [Fact]
    public void A_scheme_of_its_own_names_several_attributes()
    {
        var key = new VariantScheme { Pattern = "^(?<family>[A-Z]+\\d+)(?<Kleur>RD|BL)(?<Maat>S|M|L)$" }.Of("TS100BLM");
        key.Family.ShouldBe("TS100");
        key.Attributes.ShouldBe([new AttributeValue("Kleur", "BL"), new AttributeValue("Maat", "M")]);
    }

    public static TheoryData<string?, string?> Patterns => new()
    {
        { "^(?<family>.+)-(?<Maat>S|M)$", null },
        { null, null },
        { "^(?<Maat>S|M)$", "Needs a group named 'family', e.g. (?<family>.+)." },
        { "^(?<family>.+)-(S|M)$", "Needs at least one named attribute group, e.g. (?<Maat>S|M|L)." },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void A_pattern_must_name_the_family_and_an_attribute(string? pattern, string? problem) =>
        VariantScheme.Problem(pattern).ShouldBe(problem);

    [Fact]
    public void A_new_simple_product_gets_every_group_its_number_package_and_stock()
    {
        var plan = ShopProductRules.Plan(Family(Article("LAMP-100", image: "abc")), null, new ProductFlowSettings { PackageId = 9 }, null);

        plan.ProductFields["productnumber"].ShouldBe("LAMP-100");
        plan.ProductFields["price"].ShouldBe(60.50m);
        plan.ProductFields["eannumber"].ShouldBe("8712345000109");
        plan.ProductFields["taxtariff"].ShouldBe("normal");
        plan.ProductFields["active"].ShouldBe(true);
        plan.ProductFields["package_id"].ShouldBe(9L);
        plan.ProductFields["stock"].ShouldBe(5m);
        plan.LinkCategory.ShouldBe("Keuken");
        plan.UploadImage.ShouldBeTrue();
    }

    public static TheoryData<string, ProductUpdates, string[]> Switches => new()
    {
        { "defaults: price, EAN and active, not the name", new ProductUpdates(), ["price", "eannumber", "active"] },
        { "name on, price off", new ProductUpdates { Name = true, Price = false }, ["name", "shortdescription", "description", "eannumber", "active"] },
        { "everything off", new ProductUpdates { Name = false, Price = false, Ean = false, VatTariff = false, Active = false }, [] },
    };

    [Theory]
    [MemberData(nameof(Switches))]
    public void An_update_writes_only_the_changed_fields_of_groups_whose_switch_is_on(string name, ProductUpdates updates, string[] written)
    {
        var changed = Family(Article("LAMP-100", name: "Lamp messing", price: 60m, ean: "8712345000116", blocked: true));
        var plan = ShopProductRules.Plan(changed, Existing(), new ProductFlowSettings { Updates = updates }, null);
        plan.ProductFields.Keys.ToArray().ShouldBe(written, ignoreOrder: true, customMessage: name);
    }

    [Fact]
    public void An_unchanged_product_writes_nothing()
    {
        var plan = ShopProductRules.Plan(Family(Article("LAMP-100")), Existing(), new ProductFlowSettings { Updates = new ProductUpdates { Name = true, Category = true } }, null);
        plan.WritesNothing.ShouldBeTrue();
        plan.Decisions.ShouldContain("Nothing differed (within the switched-on field groups): nothing was written.");
    }

    [Fact]
    public void An_image_is_uploaded_again_only_when_its_hash_differs_from_the_last_upload()
    {
        var settings = new ProductFlowSettings();
        ShopProductRules.Plan(Family(Article("LAMP-100", image: "aaa")), Existing(), settings, "aaa").UploadImage.ShouldBeFalse();
        ShopProductRules.Plan(Family(Article("LAMP-100", image: "bbb")), Existing(), settings, "aaa").UploadImage.ShouldBeTrue();
        ShopProductRules.Plan(Family(Article("LAMP-100", image: "bbb")), Existing(), settings with { Updates = new ProductUpdates { Image = false } }, "aaa")
            .UploadImage.ShouldBeFalse();
    }

    [Fact]
    public void A_category_is_linked_on_create_and_on_update_only_with_its_switch_on()
    {
        var moved = Family(Article("LAMP-100", groupName: "Tuin"));
        ShopProductRules.Plan(moved, Existing(), new ProductFlowSettings(), null).LinkCategory.ShouldBeNull();
        ShopProductRules.Plan(moved, Existing(), new ProductFlowSettings { Updates = new ProductUpdates { Category = true } }, null).LinkCategory.ShouldBe("Tuin");
    }

    [Fact]
    public void Variants_share_the_lowest_price_and_carry_the_difference_as_extra_price()
    {
        var family = Family(Article("HOODIE-S", "Hoodie grijs S", 40m, "1"), Article("HOODIE-M", "Hoodie grijs M", 40m, "2"), Article("HOODIE-L", "Hoodie grijs L", 44m, "3"));

        var plan = ShopProductRules.Plan(family, null, new ProductFlowSettings { PackageId = 1 }, null);

        family.Name.ShouldBe("Hoodie grijs");
        plan.ProductFields["price"].ShouldBe(48.40m);
        plan.ProductFields.ContainsKey("eannumber").ShouldBeFalse(); // EANs are the variants'
        plan.ProductFields.ContainsKey("stock").ShouldBeFalse(); // stock is the variants'
        plan.ValuePrices.Select(p => (p.Value.Value, p.Price)).ShouldBe([("L", 4.84m), ("M", 0m), ("S", 0m)]);
        plan.RepriceValues.ShouldBeFalse(); // nothing is attached yet: the values are attached at these prices
        plan.Variants.ShouldAllBe(v => v.IsNew && (string)v.Fields["sku_number"]! == v.Sku);
    }

    [Fact]
    public void An_existing_variant_is_found_by_its_SKU_and_only_its_changed_fields_are_written()
    {
        var family = Family(Article("HOODIE-S", "Hoodie S", 40m, "111"), Article("HOODIE-M", "Hoodie M", 40m, "999"));
        var shop = Existing("Hoodie", 48.40m, "", variants:
            [new(1, "HOODIE-S", "111", 0m, true, [new("Maat", "S")]), new(2, "HOODIE-M", "222", 0m, true, [new("Maat", "M")])]);

        var plan = ShopProductRules.Plan(family, shop, new ProductFlowSettings(), null);

        plan.Variants.Single(v => v.Sku == "HOODIE-S").Fields.ShouldBeEmpty();
        plan.Variants.Single(v => v.Sku == "HOODIE-M").Fields.ShouldBe(new Dictionary<string, object?> { ["ean_number"] = "999" });
    }

    private static readonly ShopProductState Hoodies = Existing("Hoodie", 48.40m, "", variants:
        [new(1, "HOODIE-S", "1", 0m, true, [new("Maat", "S")]), new(2, "HOODIE-M", "2", 0m, true, [new("Maat", "M")]), new(3, "HOODIE-L", "3", 4.84m, true, [new("Maat", "L")])]);

    public static TheoryData<string, decimal, bool, bool, string> VariantPriceChanges => new()
    {
        // name, price of L in AccountView (excl. VAT; S and M cost 40), price switch, values repriced, what the shop then shows for L
        { "unchanged: nothing written", 44m, true, false, "L=4.84" },
        { "L dearer, price switch on: its value is repriced", 45m, true, true, "L=6.05" },
        { "L dearer, price switch off: left as the shop has it", 45m, false, false, "L=6.05" },
        { "L now as cheap as the others: its extra goes", 40m, true, true, "L=0" },
    };

    [Theory]
    [MemberData(nameof(VariantPriceChanges))]
    public void A_variant_price_change_reprices_its_attribute_value_when_the_price_switch_is_on(string name, decimal large, bool prices, bool repriced, string shown)
    {
        var family = Family(Article("HOODIE-S", "Hoodie S", 40m, "1"), Article("HOODIE-M", "Hoodie M", 40m, "2"), Article("HOODIE-L", "Hoodie L", large, "3"));

        var plan = ShopProductRules.Plan(family, Hoodies, new ProductFlowSettings { Updates = new ProductUpdates { Price = prices } }, null);

        plan.RepriceValues.ShouldBe(repriced, name);
        string.Join(",", plan.ValuePrices.Where(p => p.Value.Value == "L").Select(p => FormattableString.Invariant($"{p.Value.Value}={p.Price:0.##}"))).ShouldBe(shown, name);
        plan.Groups.Contains(ProductFieldGroup.Price).ShouldBe(repriced, name);
        plan.WritesNothing.ShouldBe(!repriced, name);
        if (repriced) plan.Decisions.ShouldContain(d => d.StartsWith("Variant prices on top of the product's: HOODIE-L", StringComparison.Ordinal), name);
    }

    [Fact]
    public void Two_variants_that_share_their_first_value_at_different_prices_show_the_first_ones_price_and_say_so()
    {
        var scheme = new VariantScheme { Pattern = "^(?<family>TS\\d+)-(?<Maat>S|M)-(?<Kleur>RD|BL)$" };
        var family = ShopProductRules.Families([Article("TS1-M-BL", "Shirt", 12m), Article("TS1-M-RD", "Shirt", 11m), Article("TS1-S-RD", "Shirt", 10m)], scheme).Single();

        var plan = ShopProductRules.Plan(family, null, new ProductFlowSettings { PackageId = 1, Variants = scheme }, null);

        plan.ValuePrices.Select(p => FormattableString.Invariant($"{p.Value.Attribute}={p.Value.Value}:{p.Price:0.##}"))
            .ShouldBe(["Maat=M:2.42", "Kleur=BL:0", "Kleur=RD:0", "Maat=S:0"]);
        plan.Decisions.ShouldContain("TS1-M-RD should cost +1.21 on top of the product's price, but the shop prices variants by attribute value and M RD is priced by an earlier variant: it shows +2.42.");
    }

    [Fact]
    public void An_interrupted_create_is_finished_as_a_create()
    {
        var plan = ShopProductRules.Plan(Family(Article("LAMP-100")), Existing(categories: []), new ProductFlowSettings(), null, finishingCreate: true);
        plan.ProductFields.Keys.ShouldContain("name");
        plan.ProductFields.Keys.ShouldNotContain("productnumber");
        plan.LinkCategory.ShouldBe("Keuken");
    }

    public static TheoryData<string, ProductFilterRule, string[], bool> Filters => new()
    {
        { "equals, case-insensitive", new("AG_CODE", FilterOperator.Equals, "keuken"), ["KEUKEN"], true },
        { "equals any of several values", new("category", FilterOperator.Equals, "Tuin"), ["Keuken", "Tuin"], true },
        { "not equals", new("AG_CODE", FilterOperator.NotEquals, "TUIN"), ["TUIN"], false },
        { "not empty", new("EAN_CODE", FilterOperator.NotEmpty), [""], false },
        { "empty", new("EAN_CODE", FilterOperator.Empty), [" "], true },
        { "one of", new("AG_CODE", FilterOperator.OneOf, "KEUKEN, TUIN"), ["TUIN"], true },
        { "one of, missing", new("AG_CODE", FilterOperator.OneOf, "KEUKEN,TUIN"), ["KLEDING"], false },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void Filter_rules(string name, ProductFilterRule rule, string[] values, bool met) => rule.IsMetBy(values).ShouldBe(met, name);

    [Fact]
    public void A_record_left_out_names_the_first_rule_it_does_not_meet_and_what_it_has()
    {
        ProductFilterRule[] rules = [new("REC_BLK", FilterOperator.Equals, "false"), new("AG_CODE", FilterOperator.OneOf, "KEUKEN")];
        ProductFilter.ReasonToSkip(rules, f => f == "REC_BLK" ? ["false"] : ["TUIN"])
            .ShouldBe("Filter rule 2 (AG_CODE is one of 'KEUKEN') is not met: it has 'TUIN'.");
        ProductFilter.ReasonToSkip(rules, f => f == "REC_BLK" ? ["false"] : ["KEUKEN"]).ShouldBeNull();
    }

    public static TheoryData<bool, bool, decimal, decimal> Prices => new()
    {
        { false, true, 50m, 60.50m },
        { true, true, 60.50m, 60.50m },
        { false, false, 50m, 50m },
        { true, false, 60.50m, 50m },
    };

    [Theory]
    [MemberData(nameof(Prices))]
    public void Prices_move_between_the_systems_VAT_conventions(bool articleIncludes, bool shopIncludes, decimal article, decimal shop)
    {
        var settings = new ProductFlowSettings { ArticlePricesIncludeVat = articleIncludes, ShopPricesIncludeVat = shopIncludes };
        TaxTariffs.ToShop(article, 21m, settings).ShouldBe(shop);
        TaxTariffs.ToArticle(shop, 21m, settings).ShouldBe(article);
    }

    [Fact]
    public void A_VAT_code_without_a_tariff_row_falls_back_to_the_first_row_and_says_so()
    {
        var (tariff, _, why) = TaxTariffs.ForVatCode("X9", new ProductFlowSettings());
        tariff.ShouldBe("normal");
        why.ShouldContain("No tax tariff row for VAT code 'X9'");
        TaxTariffs.ForTariff("reduced", new ProductFlowSettings()).VatCode.ShouldBe("L1");
    }
}
