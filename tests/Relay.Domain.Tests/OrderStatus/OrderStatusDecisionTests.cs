using Relay.Domain.OrderStatus;

namespace Relay.Domain.Tests.OrderStatus;

/// <summary>What AccountView's state of a sales order writes to the shop order, and what it leaves alone.</summary>
public sealed class OrderStatusDecisionTests
{
    private static readonly SalesOrderState Open = new(Delivery.None, null, false, null, null, false);
    private static readonly ShopOrderNow NewInShop = new(1, "", null, false, []);

    public static TheoryData<string, SalesOrderState, ShopOrderNow, OrderStatusSettings, int?> Statuses => new()
    {
        // name, AccountView, shop, settings, status written (null: none)
        { "open: nothing", Open, NewInShop, new(), null },
        { "delivered: sent", Open with { Delivery = Delivery.Fully }, NewInShop, new(), 5 },
        { "partly delivered, unmapped by default: nothing", Open with { Delivery = Delivery.Partly }, NewInShop, new(),
            null },
        { "partly delivered, mapped", Open with { Delivery = Delivery.Partly }, NewInShop,
            new() { Statuses = new() { PartlyDelivered = 2 } }, 2 },
        { "invoiced, unchanged by default, lets delivered speak",
            Open with { Delivery = Delivery.Fully, InvoiceNumber = "F1" }, NewInShop, new(), 5 },
        { "invoiced mapped to completed wins over delivered",
            Open with { Delivery = Delivery.Fully, InvoiceNumber = "F1" }, NewInShop,
            new() { Statuses = new() { Invoiced = 7 } }, 7 },
        { "cancelled wins over all", Open with { Delivery = Delivery.Fully, Cancelled = true }, NewInShop, new(), 8 },
        { "the shop has the status already", Open with { Delivery = Delivery.Fully }, NewInShop with { Status = 5 },
            new(), null },
        { "a completed shop order keeps its status", Open with { Cancelled = true }, NewInShop with { Status = 7 },
            new(), null },
        { "a cancelled shop order keeps its status", Open with { Delivery = Delivery.Fully },
            NewInShop with { Status = 8 }, new(), null },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public void The_state_that_comes_last_and_is_mapped_sets_the_status(string name, SalesOrderState av,
        ShopOrderNow shop, OrderStatusSettings settings, int? expected)
    {
        var (update, decisions) = OrderStatusDecision.Decide(av, shop, settings);
        update.Status.ShouldBe(expected, name);
        decisions.ShouldNotBeEmpty(name);
    }

    [Fact]
    public void Track_and_trace_is_written_when_it_differs_with_its_carrier_and_the_customer_mailed_only_when_asked()
    {
        var av = Open with { Delivery = Delivery.Fully, TrackAndTrace = "3SABC", Carrier = "PostNL" };
        var (update, _) = OrderStatusDecision.Decide(av, NewInShop, new() { MailCustomer = true });
        update.ShouldBe(new ShopOrderUpdate(5, Mail: true, TrackAndTrace: "3SABC", Carrier: "PostNL"));
        update.Echoes.ShouldBe(["orders.updated.status|5", "orders.updated.trackandtrace"]);

        var (same, _) = OrderStatusDecision.Decide(av, new(5, "3SABC", "PostNL", false, []), new());
        same.IsEmpty.ShouldBeTrue();
        var (noMail, _) = OrderStatusDecision.Decide(av, NewInShop, new() { MailNote = "T&T {trackAndTrace}" });
        noMail.Mail.ShouldBeFalse();
        noMail.MailNote.ShouldBeNull();
        var (note, _) = OrderStatusDecision.Decide(av, NewInShop,
            new() { MailCustomer = true, MailNote = "Je pakket: {trackAndTrace} ({carrier})" });
        note.MailNote.ShouldBe("Je pakket: 3SABC (PostNL)");
    }

    [Fact]
    public void Paid_is_written_only_when_the_setting_says_so_and_the_invoice_note_only_once()
    {
        var av = Open with { InvoiceNumber = "F26-1", Paid = true };
        OrderStatusDecision.Decide(av, NewInShop, new()).Update.Paid.ShouldBeNull();
        var (paid, _) = OrderStatusDecision.Decide(av, NewInShop, new() { MarkPaid = true });
        paid.Paid.ShouldBe(true);
        paid.Echoes.ShouldContain("orders.updated.ispaid");
        paid.InvoiceNote.ShouldBe("AccountView invoice F26-1");

        var noted = NewInShop with { Notes = ["AccountView invoice F26-1"] };
        OrderStatusDecision.Decide(av, noted, new()).Update.IsEmpty.ShouldBeTrue();
        OrderStatusDecision.Decide(av, NewInShop, new() { InvoiceNote = false }).Update.IsEmpty.ShouldBeTrue();
    }

    public static TheoryData<string, string[], string[], Delivery> Deliveries => new()
    {
        // name, ordered per line, delivered per line, delivery
        { "nothing delivered", ["2", "1"], ["0", "0"], Delivery.None },
        { "one line of two", ["2", "1"], ["2", "0"], Delivery.Partly },
        { "part of a line", ["2"], ["1"], Delivery.Partly },
        { "all", ["2", "1"], ["2", "1"], Delivery.Fully },
        { "field left empty", ["1"], [""], Delivery.None },
    };

    [Theory]
    [MemberData(nameof(Deliveries))]
    public void Delivery_is_read_from_the_lines(string name, string[] ordered, string[] delivered, Delivery expected)
    {
        var lines = ordered.Select((o, i) => (Func<string, string?>)(f => f switch
        {
            "ORD_QTY" => o,
            "DEL_QTY" => delivered[i],
            _ => null,
        })).ToList();
        SalesOrderState.Read(_ => null, lines, new SalesOrderStateFields()).Delivery.ShouldBe(expected, name);
    }

    [Fact]
    public void Header_fields_are_read_by_the_names_the_settings_give_and_logicals_in_their_spellings()
    {
        var header = new Dictionary<string, string?>
        {
            ["INV_NR"] = " F1 ", ["ORD_CANC"] = "T", ["TT_CODE"] = "", ["PAID_FLG"] = "true", ["MY_TT"] = "3S",
        };
        var state = SalesOrderState.Read(f => header.GetValueOrDefault(f), [], new SalesOrderStateFields());
        state.ShouldBe(new SalesOrderState(Delivery.None, "F1", true, null, null, true));
        SalesOrderState.Read(f => header.GetValueOrDefault(f), [],
            new SalesOrderStateFields { TrackAndTrace = "MY_TT", Paid = "" }).ShouldBe(
            new SalesOrderState(Delivery.None, "F1", true, "3S", null, false));
    }

    [Fact]
    public void Settings_out_of_range_are_named_by_field()
    {
        var problems = OrderStatusSettingsCheck.Problems(new OrderStatusSettings
        {
            PollSeconds = 5, Statuses = new() { Delivered = 0 }, Fields = new() { Carrier = "TT CARRIER" },
        });
        problems.Keys.Order().ShouldBe(["fields.carrier", "pollSeconds", "statuses.delivered"]);
        OrderStatusSettingsCheck.Problems(new OrderStatusSettings()).ShouldBeEmpty();
    }
}
