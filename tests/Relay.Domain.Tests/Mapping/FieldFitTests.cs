using Relay.Domain.Mapping;
using Relay.Domain.Orders;
using Relay.Domain.Settings;
using Relay.Domain.Stock;

namespace Relay.Domain.Tests.Mapping;

/// <summary>Writes keep to what the administration has: its data dictionary, or the evidenced fields without one.</summary>
public sealed class FieldFitTests
{
    private static readonly AdministrationFields Administration = new(new Dictionary<string, IReadOnlyList<FieldSpec>>
    {
        ["SO_HDR"] = [new("RPL_INV", "C", 5, true, "", Code: true), new("COMMENT1", "M", 4, false, ""), new("TO_EMAIL", "C", 12, false, ""),
            new("APX_LIST", "C", 0, false, "")],
        ["CONTACT"] = [new("ACCT_NAME", "C", 40, true, ""), new("ACCT_NR", "C", 10, false, "")],
        ["ARTICLE"] = [new("QTY_AVAIL", "N", 13, false, ""), new("QTY_TECH", "N", 13, false, "")],
    }, ["SO1", "AR1"]);

    private static readonly PlannedField[] Header =
    [
        new("RPL_INV", "1000100", false), new("PAY_TYPE", "IDEAL", true), new("COMMENT1", new string('x', 200), false),
        new("TO_EMAIL", "someone@example.nl", false), new("DEL_CODE", "123", false), new("APX_LIST", "LIST-A", false),
    ];

    [Fact]
    public void With_the_dictionary_every_missing_field_is_left_out_and_text_is_cut_to_its_length()
    {
        var fit = FieldFit.Decide("SO_HDR", Header, Administration);

        fit.Left.ShouldBe(["PAY_TYPE", "DEL_CODE"], ignoreOrder: true);
        // Not cut: a memo, a code (cut short it could name another debtor), a field whose length the dictionary does not give.
        fit.CutTo.ShouldBe(new Dictionary<string, int> { ["TO_EMAIL"] = 12 });
        fit.Notes.ShouldContain("Left out of SO_HDR: PAY_TYPE, DEL_CODE (this administration's SO_HDR has no such field).");
        fit.Notes.ShouldContain("Cut to the field length of SO_HDR: TO_EMAIL (12).");
    }

    [Fact]
    public void Without_the_dictionary_only_the_optional_fields_are_left_out()
    {
        var fit = FieldFit.Decide("SO_HDR", Header, administration: null);

        fit.Left.ShouldBe(["PAY_TYPE"]);
        fit.CutTo.ShouldBeEmpty();
        fit.Notes.Single().ShouldContain("could not be read");
    }

    [Fact]
    public void A_table_whose_fields_were_not_read_keeps_to_the_evidenced_fields()
    {
        var fit = FieldFit.Decide("SO_LINE", [new("ART_CODE", "A", false), new("VAT_CODE", "H1", true)], Administration);

        fit.Left.ShouldBe(["VAT_CODE"]);
    }

    [Fact]
    public void A_drop_override_removes_a_default_field()
    {
        var fields = FieldMapping.Apply([new FieldMapping("order.PAY_TYPE", Drop: true)], "order",
            [("RPL_INV", "10001"), ("PAY_TYPE", "IDEAL")], new Dictionary<string, string>());

        fields.ShouldBe([("RPL_INV", "10001")]);
        FieldMappingCheck.Problems([new FieldMapping("order.PAY_TYPE", Constant: "X", Drop: true)]).ShouldContainKey("mappings[0]");
        FieldMappingCheck.Problems([new FieldMapping("order.PAY_TYPE", Drop: true)]).ShouldBeEmpty();
    }

    public static TheoryData<string, ConnectionSettings, string?> Settings => new()
    {
        // name, settings, the field named (null: fits)
        { "defaults fit", With(), null },
        { "a mapper target the header lacks", With(mappings: [new FieldMapping("order.PAY_TYPE", Constant: "IDEAL")]), "mappings[0].target" },
        { "a mapper target on a table not read is not checked", With(mappings: [new FieldMapping("line.VAT_CODE", From: "line.vatCode")]), null },
        { "a drop always fits", With(mappings: [new FieldMapping("order.PAY_TYPE", Drop: true)]), null },
        { "a debtor default the table lacks", With(orders: new OrderFlowSettings { DebtorDefaults = new Dictionary<string, string> { ["SIC_CODE"] = "WEB" } }),
            "orders.debtorDefaults.SIC_CODE" },
        { "a reservation field the articles lack", With(stock: new StockFlowSettings { Fields = new StockFields { Reserved = "QTY_RES" } }),
            "stock.fields.reserved" },
        { "a field the formula does not read is not checked", With(stock: new StockFlowSettings { Fields = new StockFields { Free = "QTY_NONE" } }), null },
    };

    private static ConnectionSettings With(OrderFlowSettings? orders = null, StockFlowSettings? stock = null, IReadOnlyList<FieldMapping>? mappings = null) =>
        new(orders ?? new OrderFlowSettings(), stock, mappings ?? []);

    [Theory]
    [MemberData(nameof(Settings))]
    public void Settings_that_name_fields_the_administration_lacks_are_named(string name, ConnectionSettings settings, string? field)
    {
        var problems = SettingsFieldCheck.Problems(settings, Administration);

        if (field is null) problems.ShouldBeEmpty(name);
        else problems.Keys.ToList().ShouldBe([field], name);
    }
}
