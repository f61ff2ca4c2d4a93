using Relay.Domain.Mapping;
using Relay.Domain.Tests.Orders;

namespace Relay.Domain.Tests.Mapping;

public sealed class FieldMappingTests
{
    private static readonly Dictionary<string, string> Sources = new()
    {
        ["order.number"] = "WEB-1042", ["customer.name"] = "Piet Puk", ["customer.company"] = "", ["billing.country"] = "be",
        ["order.paymentMethod"] = "Mollie_iDEAL",
    };

    public static TheoryData<string, FieldMapping, string> Values => new()
    {
        { "source field", new("order.REF_TEXT", From: "order.number"), "WEB-1042" },
        { "constant", new("order.REF_TEXT", Constant: "Webshop"), "Webshop" },
        { "concatenation skips blanks", new("order.REF_TEXT", Concat: ["order.number", "customer.company", "customer.name"], Separator: " - "), "WEB-1042 - Piet Puk" },
        { "upper case", new("debtor.CNT_CODE", From: "billing.country", Upper: true), "BE" },
        { "prefix", new("order.REF_TEXT", From: "order.number", Prefix: "Shop "), "Shop WEB-1042" },
        { "lookup hit (any case)", new("order.PAY_TYPE", From: "order.paymentMethod", Lookup: new Dictionary<string, string> { ["mollie_ideal"] = "IDEAL" }), "IDEAL" },
        { "lookup miss takes the default", new("order.PAY_TYPE", From: "billing.country", Lookup: new Dictionary<string, string> { ["nl"] = "X" }, LookupDefault: "BANK"), "BANK" },
        { "lookup miss without default keeps the value", new("order.PAY_TYPE", From: "billing.country", Lookup: new Dictionary<string, string> { ["nl"] = "X" }), "be" },
        { "lookup, then prefix, then upper, then cut", new("order.REF_TEXT", From: "billing.country", Lookup: new Dictionary<string, string> { ["be"] = "belgie" }, Prefix: "x-", Upper: true, MaxLength: 5), "X-BEL" },
        { "unknown source is blank", new("order.REF_TEXT", From: "order.couponCode"), "" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_mapping_evaluates_its_source_then_its_transformations(string name, FieldMapping mapping, string expected) =>
        mapping.Evaluate(Sources).ShouldBe(expected, name);

    [Fact]
    public void Overrides_replace_a_field_or_add_it_and_touch_only_their_own_object()
    {
        FieldMapping[] mappings = [new("debtor.ACCT_NAME", Constant: "X"), new("debtor.COMMENT1", From: "order.number"), new("order.REF_TEXT", Constant: "no")];

        var fields = FieldMapping.Apply(mappings, "debtor", [("ACCT_NAME", "Piet"), ("CITY", "Zwolle")], Sources);

        fields.ShouldBe([("ACCT_NAME", "X"), ("CITY", "Zwolle"), ("COMMENT1", "WEB-1042")]);
    }

    [Fact]
    public void Sources_of_an_order_name_every_field_the_check_allows()
    {
        var sources = MappingSources.Of(OrderSamples.Consumer(), "10001");

        sources.Keys.ShouldBe(MappingSources.OrderFields, ignoreOrder: true);
        sources["debtor.number"].ShouldBe("10001");
    }

    public static TheoryData<string, FieldMapping[], string> Invalid => new()
    {
        { "unknown object", [new("invoice.X1", Constant: "a")], "mappings[0].target" },
        { "lower-case field", [new("order.ref_text", Constant: "a")], "mappings[0].target" },
        { "no source", [new("order.REF_TEXT")], "mappings[0]" },
        { "two sources", [new("order.REF_TEXT", From: "order.number", Constant: "a")], "mappings[0]" },
        { "unknown source", [new("order.REF_TEXT", From: "order.colour")], "mappings[0].from" },
        { "line source on the header", [new("order.REF_TEXT", From: "line.articleCode")], "mappings[0].from" },
        { "unknown concat part", [new("order.REF_TEXT", Concat: ["order.number", "x"])], "mappings[0].concat" },
        { "empty concat", [new("order.REF_TEXT", Concat: [])], "mappings[0].concat" },
        { "max length", [new("order.REF_TEXT", Constant: "a", MaxLength: 0)], "mappings[0].maxLength" },
        { "same target twice", [new("order.REF_TEXT", Constant: "a"), new("order.REF_TEXT", Constant: "b")], "mappings" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Unusable_overrides_name_the_field(string name, FieldMapping[] mappings, string field) =>
        FieldMappingCheck.Problems(mappings).Keys.ToArray().ShouldBe([field], customMessage: name);

    [Fact]
    public void A_line_may_read_line_and_order_fields() =>
        FieldMappingCheck.Problems([new("line.TRN_DESC", Concat: ["line.articleCode", "order.number"])]).ShouldBeEmpty();
}
