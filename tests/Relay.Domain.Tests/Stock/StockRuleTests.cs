using Relay.Domain.Orders;
using Relay.Domain.Stock;

namespace Relay.Domain.Tests.Stock;

public sealed class StockRuleTests
{
    private static readonly Dictionary<string, decimal?> Article = new()
    {
        ["QTY_TECH"] = 20, ["QTY_AVAIL"] = 18, ["QTY_RES"] = 5, ["QTY_FREE2"] = 13,
    };

    public static TheoryData<string, StockFlowSettings, decimal> Formulas => new()
    {
        { "default: available, which nets out reservations (§4.1)", new StockFlowSettings(), 18 },
        { "available minus a chosen reservation field", new StockFlowSettings { Fields = new StockFields { Reserved = "QTY_RES" } }, 13 },
        { "physical", new StockFlowSettings { Formula = StockFormula.Physical }, 20 },
        { "free", new StockFlowSettings { Formula = StockFormula.Free }, 13 },
        { "without a reservation field: available (net of reservations) minus buffer", new StockFlowSettings { Formula = StockFormula.PhysicalMinusReservedMinusBuffer, SafetyBuffer = 3 }, 15 },
        { "physical minus reserved minus buffer", new StockFlowSettings { Formula = StockFormula.PhysicalMinusReservedMinusBuffer, SafetyBuffer = 3,
            Fields = new StockFields { Reserved = "QTY_RES" } }, 12 },
        { "buffer larger than stock: zero, never negative", new StockFlowSettings { Formula = StockFormula.PhysicalMinusReservedMinusBuffer, SafetyBuffer = 30 }, 0 },
        { "other field names", new StockFlowSettings { Fields = new StockFields { Available = "QTY_TECH", Reserved = "QTY_FREE2" } }, 7 },
    };

    [Theory]
    [MemberData(nameof(Formulas))]
    public void Each_formula_gives_its_figure(string name, StockFlowSettings settings, decimal expected) =>
        StockFigure.Compute(Article, settings).Value.ShouldBe(expected, name);

    [Fact]
    public void The_figure_says_how_it_was_reached_and_which_fields_were_missing()
    {
        var withReservations = new StockFlowSettings { Fields = new StockFields { Reserved = "QTY_RES" } };
        var figure = StockFigure.Compute(new Dictionary<string, decimal?> { ["QTY_AVAIL"] = 4 }, withReservations);

        figure.Value.ShouldBe(4);
        figure.How.ShouldContain("QTY_AVAIL 4 - QTY_RES 0");
        figure.How.ShouldContain("not in the article, counted as 0: QTY_RES");
    }

    [Fact]
    public void Without_a_reservation_field_nothing_is_subtracted_twice()
    {
        var figure = StockFigure.Compute(new Dictionary<string, decimal?> { ["QTY_AVAIL"] = 4, ["QTY_RES"] = 3 }, new StockFlowSettings());

        figure.Value.ShouldBe(4);
        figure.How.ShouldNotContain("QTY_RES");
        StockFigure.Describe(new StockFlowSettings()).ShouldContain("no reservation field is subtracted");
    }

    [Fact]
    public void More_reserved_than_available_shows_zero_and_says_so() =>
        StockFigure.Compute(new Dictionary<string, decimal?> { ["QTY_AVAIL"] = 2, ["QTY_RES"] = 5 },
            new StockFlowSettings { Fields = new StockFields { Reserved = "QTY_RES" } }).How.ShouldContain("= -3, shown as 0");

    public static TheoryData<string, decimal?, decimal, decimal?, decimal, bool> Priorities => new()
    {
        // name, shop shows (a), wanted (a), shop shows (b), wanted (b), a goes first
        { "sold out goes before a large change", 3, 0, 10, 500, true },
        { "back in stock goes before a large change", 0, 2, 10, 500, true },
        { "larger change first", 10, 50, 10, 12, true },
        { "smaller change later", 10, 12, 10, 50, false },
        { "unknown shop figure counts as zero", null, 5, 10, 400, true },
    };

    [Theory]
    [MemberData(nameof(Priorities))]
    public void Writes_to_or_from_zero_go_first_then_the_largest(string name, decimal? shopA, decimal wantedA, decimal? shopB, decimal wantedB, bool aFirst) =>
        (StockWriteOrder.Compare(StockWriteOrder.Priority(shopA, wantedA), StockWriteOrder.Priority(shopB, wantedB)) < 0).ShouldBe(aFirst, name);

    [Fact]
    public void A_figure_is_pending_until_written_and_a_skip_holds_until_the_figure_changes()
    {
        var at = DateTimeOffset.UnixEpoch;
        var item = StockItem.Evolve(null, new StockChanged("k", "c", "SKU", 5, "", "", at))!;
        item.Pending.ShouldBeTrue();

        item = StockItem.Evolve(item, new StockWritten("k", 5, "product 1", true, at))!;
        item.Pending.ShouldBeFalse();

        item = StockItem.Evolve(item, new StockChanged("k", "c", "SKU", 7, "", "", at))!;
        item = StockItem.Evolve(item, new StockSkipped("k", 7, "not in the shop", at))!;
        item.Pending.ShouldBeFalse();

        item = StockItem.Evolve(item, new StockChanged("k", "c", "SKU", 8, "", "", at))!;
        item.Pending.ShouldBeTrue();
        // A write that failed leaves the figure pending; a replay asks for the write again.
        StockItem.Evolve(item, new StockWriteFailed("k", 8, "timeout", at))!.Pending.ShouldBeTrue();
        StockItem.Evolve(StockItem.Evolve(item, new StockWritten("k", 8, "product 1", true, at)), new ReplayRequested("k", "admin", at))!.Pending.ShouldBeTrue();
    }

    [Fact]
    public void A_skip_for_an_older_figure_does_not_hide_a_newer_one()
    {
        var at = DateTimeOffset.UnixEpoch;
        var item = StockItem.Evolve(null, new StockChanged("k", "c", "SKU", 5, "", "", at))!;
        item = StockItem.Evolve(item, new StockChanged("k", "c", "SKU", 6, "", "", at))!;
        StockItem.Evolve(item, new StockSkipped("k", 5, "not in the shop", at))!.Pending.ShouldBeTrue();
    }

    [Fact]
    public void The_defaults_are_valid() => StockFlowSettingsCheck.Problems(new StockFlowSettings()).ShouldBeEmpty();

    public static TheoryData<string, StockFlowSettings, string> Unusable => new()
    {
        { "poll too often", new StockFlowSettings { PollSeconds = 5 }, "pollSeconds" },
        { "no full scan", new StockFlowSettings { FullScanHours = 0 }, "fullScanHours" },
        { "negative overlap", new StockFlowSettings { OverlapSeconds = -1 }, "overlapSeconds" },
        { "negative buffer", new StockFlowSettings { SafetyBuffer = -1 }, "safetyBuffer" },
        { "unknown formula", new StockFlowSettings { Formula = (StockFormula)42 }, "formula" },
        { "field name with a space", new StockFlowSettings { Fields = new StockFields { Reserved = "QTY RES" } }, "fields.reserved" },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public void Unusable_settings_name_the_field(string name, StockFlowSettings settings, string field) =>
        StockFlowSettingsCheck.Problems(settings).Keys.ShouldBe([field], name);
}
