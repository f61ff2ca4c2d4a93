using Relay.Domain.Products;
using Relay.Domain.WorkItems;

namespace Relay.Domain.Tests.Products;

public sealed class ProductSettingsAndWorkTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, ProductFlowSettings, string> Invalid => new()
    {
        { "poll too often", new ProductFlowSettings { PollSeconds = 5 }, "pollSeconds" },
        { "no reconciliation", new ProductFlowSettings { ReconciliationHours = 0 }, "reconciliationHours" },
        { "pattern without family", new ProductFlowSettings { Variants = new VariantScheme { Pattern = "^(?<Maat>S)$" } }, "variants.pattern" },
        { "not a regex", new ProductFlowSettings { Variants = new VariantScheme { Pattern = "(" } }, "variants.pattern" },
        { "equals without a value", new ProductFlowSettings { Filters = [new("AG_CODE", FilterOperator.Equals)] }, "filters[0].value" },
        { "no tax tariffs", new ProductFlowSettings { TaxTariffs = [] }, "taxTariffs" },
        { "a rate over 100", new ProductFlowSettings { TaxTariffs = [new("H1", 121m, "normal")] }, "taxTariffs[0].rate" },
        { "package id zero", new ProductFlowSettings { PackageId = 0 }, "packageId" },
        { "a field name with a space", new ProductFlowSettings { Fields = new ArticleFields { Ean = "EAN CODE" } }, "fields.ean" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Unusable_settings_are_refused_naming_the_field(string name, ProductFlowSettings settings, string field) =>
        ProductFlowSettingsCheck.Problems(settings).Keys.ShouldContain(field, name);

    [Fact]
    public void The_defaults_are_usable() => ProductFlowSettingsCheck.Problems(new ProductFlowSettings()).ShouldBeEmpty();

    [Fact]
    public void Queued_work_is_received_and_ends_with_its_outcome_and_queued_again_is_work_again()
    {
        const string key = "av:shop-1:article:LAMP-100";
        var item = WorkItem.Evolve(null, new CatalogueWorkQueued(key, "shop-1", Flow.Products, ShopEntity.Article, "LAMP-100", "import", At))!;
        item.Status.ShouldBe(WorkStatus.Received);
        item.Flow.ShouldBe(Flow.Products);

        item = WorkItem.Evolve(item, new CatalogueFailed(key, "Temporary failure", null, false, At.AddSeconds(5), At))!;
        (item.Status, item.Attempts, item.NextAttemptAt).ShouldBe((WorkStatus.Failed, 1, At.AddSeconds(5)));
        item = WorkItem.Evolve(item, new CatalogueSynced(key, "CCV product 7", ["created"], [], At.AddMinutes(1)))!;
        (item.Status, item.LastError).ShouldBe((WorkStatus.Succeeded, null));
        item = WorkItem.Evolve(item, new CatalogueWorkQueued(key, "shop-1", Flow.Products, ShopEntity.Article, "LAMP-100", "article changed", At.AddMinutes(2)))!;
        item.NeedsProcessing.ShouldBeTrue();
        item = WorkItem.Evolve(item, new CatalogueSkipped(key, "Filter rule 1", At.AddMinutes(3)))!;
        (item.Status, item.LastError).ShouldBe((WorkStatus.Skipped, "Filter rule 1"));
    }

    [Fact]
    public void A_product_webhook_for_a_finished_product_is_work_again_unlike_an_order()
    {
        static WebhookReceived Delivery(Flow flow, string at) => new("k", "shop-1", flow, flow == Flow.Orders ? ShopEntity.Order : ShopEntity.Product, "7",
            "x.updated", $"x|7|{at}", at, null, At, new WebhookSummary());
        foreach (var (flow, expected) in new[] { (Flow.Products, WorkStatus.Received), (Flow.Orders, WorkStatus.Succeeded) })
        {
            var item = WorkItem.Evolve(null, Delivery(flow, "1"))! with { Status = WorkStatus.Succeeded };
            WorkItem.Evolve(item, Delivery(flow, "2"))!.Status.ShouldBe(expected, flow.ToString());
        }
    }

    [Fact]
    public void The_last_webhook_is_remembered_and_queuing_by_an_import_does_not_move_it()
    {
        var first = new WebhookReceived("k", "shop-1", Flow.Products, ShopEntity.Product, "7", "products.updated", "a", "1", null, At, new WebhookSummary());
        var later = first with { DeliveryId = "b", ReceivedAt = At.AddMinutes(5) };

        var item = WorkItem.Evolve(null, first)!;
        item.LastDeliveryAt.ShouldBe(At);
        item = WorkItem.Evolve(item, new CatalogueWorkQueued("k", "shop-1", Flow.Products, ShopEntity.Product, "7", "import", At.AddMinutes(1)))!;
        item.LastDeliveryAt.ShouldBe(At);
        WorkItem.Evolve(item, later)!.LastDeliveryAt.ShouldBe(At.AddMinutes(5));
        WorkItem.Evolve(null, new CatalogueWorkQueued("k", "shop-1", Flow.Products, ShopEntity.Product, "7", "import", At))!.LastDeliveryAt.ShouldBeNull();
    }
}
