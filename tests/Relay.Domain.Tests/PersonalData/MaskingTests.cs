using Relay.Domain.Orders;
using Relay.Domain.PersonalData;
using Relay.Domain.Products;
using Relay.Domain.Tests.Orders;
using Relay.Domain.WorkItems;

namespace Relay.Domain.Tests.PersonalData;

/// <summary>Masking takes the personal data out of an event and leaves amounts, codes, decisions, outcomes.</summary>
public sealed class MaskingTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly ShopOrder Order = OrderSamples.Consumer();
    private static readonly CustomerOnRecord Customer = CustomerOnRecord.Of(Order.Customer, Order.Billing);

    private static readonly OrderDecided Decided = new("ccv:shop-1:order:1", "WEB-1001", "10001",
        OrderDocumentBuilder.Build(Order, new OrderFlowSettings(), "10001", null), ["Debtor 10001 has the customer's "
            + "e-mail address; updated with the order's details."], At, Customer);

    public static TheoryData<string, object, object> Events => new()
    {
        { "an order decided", Decided, Decided with { Customer = null } },
        { "an order AccountView refused", Failed("Debiteur Jan Jansen bestaat al."), Failed(PersonalDataMasks.Hidden) },
        { "an order failed without AccountView's words", Failed(null), Failed(null) },
        { "a customer synced", Synced(Customer), Synced(null) },
        {
            "a customer the other system refused",
            new CatalogueFailed("k", "Refused.", "jan@example.nl exists", true, null, At),
            new CatalogueFailed("k", "Refused.", PersonalDataMasks.Hidden, true, null, At)
        },
        { "an order sent (nothing personal)", Sent, Sent },
    };

    private static readonly OrderSent Sent =
        new("k", "WEB-1001", DocumentKind.SalesOrder, "SO-1", "10001", "created", At);

    [Theory]
    [MemberData(nameof(Events))]
    public void Masking_leaves_everything_but_the_personal_data(string name, object stored, object masked)
    {
        var rule = PersonalDataMasks.Rules.GetValueOrDefault(stored.GetType());
        (rule is null ? stored : rule(stored)).ShouldBe(masked, name);
        PersonalDataMasks.Holds(masked).ShouldBeFalse(name); // masking twice changes nothing
        PersonalDataMasks.Holds(stored).ShouldBe(!stored.Equals(masked), name);
    }

    [Fact]
    public void A_masked_order_keeps_its_lines_amounts_debtor_and_decisions()
    {
        var masked = PersonalDataMasks.Mask(Decided);
        masked.Document.ShouldBeSameAs(Decided.Document);
        masked.Decisions.ShouldBe(Decided.Decisions);
        masked.DebtorNumber.ShouldBe("10001");
    }

    [Fact]
    public void The_customer_on_record_keeps_the_e_mail_trimmed_and_in_lower_case()
    {
        CustomerOnRecord.Of(Order.Customer with { Email = " Jan@Example.NL " }, null).Email.ShouldBe("jan@example.nl");
    }

    [Fact]
    public void A_work_item_is_masked_until_an_event_brings_personal_data_again_and_masking_does_not_age_it()
    {
        var item = WorkItem.Evolve(null, new OrderFoundByPoll("k", "shop-1", "1", At))!;
        item = WorkItem.Evolve(item, Decided)!;
        item = WorkItem.Evolve(item, new PersonalDataMasked("k", "retention of 30 days", 1, At.AddDays(31)))!;
        item.PersonalDataMasked.ShouldBeTrue();
        item.UpdatedAt.ShouldBe(At);
        WorkItem.Evolve(item, Sent)!.PersonalDataMasked.ShouldBeTrue();
        WorkItem.Evolve(item, Decided)!.PersonalDataMasked.ShouldBeFalse();
    }

    private static OrderFailed Failed(string? message) =>
        new("k", "AccountView refused the order.", message, true, null, At);

    // Records compare lists by reference: both sides share these.
    private static readonly string[] Written = ["ADDRESS1"];
    private static readonly string[] Why = ["Debtor 10001 has this e-mail; changed: ADDRESS1."];

    private static CatalogueSynced Synced(CustomerOnRecord? customer) =>
        new("k", "debtor 10001", Written, Why, At, Customer: customer);
}
