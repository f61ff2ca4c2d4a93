using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Products;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Products;
using Relay.Domain.WorkItems;
using Relay.Simulators;

namespace Relay.Api.Tests.Products;

/// <summary>The shop is the product master: its products and variants become AccountView articles, its categories article groups.</summary>
[Collection(RelayCollection.Name)]
public sealed class SendingShopProductsToAccountView(RelayFixture relay) : IAsyncLifetime
{
    private static ProductFlowSettings Settings => new() { Enabled = true, Master = ProductMaster.Shop };

    public async Task InitializeAsync()
    {
        await relay.ResetAsync();
        await relay.ConnectSimulatorsAsync(new Domain.Orders.OrderFlowSettings { Enabled = false });
    }

    /// <summary>The merchant makes the shop the master and registers the webhooks again: the product events are added.</summary>
    private async Task MakeTheShopMasterAsync(ProductFlowSettings settings)
    {
        await relay.SetProductFlowAsync(settings);
        (await relay.RegisterWebhooksAsync()).ShouldContain("products.updated");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_simple_product_and_a_product_with_two_variants_become_three_articles()
    {
        await MakeTheShopMasterAsync(Settings);
        var mug = relay.AddShopProduct("MUG-900", "Mok wit", 12.10m, "8712345000901", "Keuken");
        var cap = relay.AddShopProduct("CAP-910", "Pet zwart", 24.20m, "", "Petten",
            [("S", "CAP-910-S", 0m, "8712345000918"), ("M", "CAP-910-M", 1.21m, "8712345000925")]);

        await relay.TouchShopProductAsync(mug);
        await relay.TouchShopProductAsync(cap);
        await relay.WaitForWorkAsync(ProductScenarios.ShopProductKey(mug), WorkStatus.Succeeded);
        var capped = await relay.WaitForWorkAsync(ProductScenarios.ShopProductKey(cap), WorkStatus.Succeeded);

        var article = relay.Articles("MUG-900").ShouldHaveSingleItem();
        article["ART_DESC1"]!.ToString().ShouldBe("Mok wit");
        article["PX_SELL"].Dec().ShouldBe(10.00m); // the shop's 12.10 includes 21% VAT
        article["EAN_CODE"]!.ToString().ShouldBe("8712345000901");
        article["VAT_CODE"]!.ToString().ShouldBe("H1");
        article["AG_CODE"]!.ToString().ShouldBe("KEUKEN"); // the group described "Keuken"
        relay.Articles("CAP-910").ShouldBeEmpty(); // a product with variants is its variants
        var small = relay.Articles("CAP-910-S").ShouldHaveSingleItem();
        var medium = relay.Articles("CAP-910-M").ShouldHaveSingleItem();
        small["ART_DESC1"]!.ToString().ShouldBe("Pet zwart S");
        small["PX_SELL"].Dec().ShouldBe(20.00m);
        medium["PX_SELL"].Dec().ShouldBe(21.00m);
        medium["EAN_CODE"]!.ToString().ShouldBe("8712345000925");
        medium["AG_CODE"]!.ToString().ShouldBe("PETTEN");
        relay.Simulators.AccountView.Rows("ART_GRP").ShouldContain(g => g["AG_CODE"]!.ToString() == "PETTEN" && g["AG_DESC"]!.ToString() == "Petten");
        var synced = (await relay.WorkEventsAsync(ProductScenarios.ShopProductKey(cap))).OfType<CatalogueSynced>().Last();
        synced.Target.ShouldBe("articles CAP-910-S, CAP-910-M");
        synced.Decisions.ShouldContain("Category 'Petten' had no article group: group PETTEN was created.");
        capped.Status.ShouldBe(WorkStatus.Succeeded);
    }

    [Fact]
    public async Task A_repeated_change_updates_only_switched_on_groups_and_never_doubles_an_article()
    {
        await MakeTheShopMasterAsync(Settings);
        var mug = relay.AddShopProduct("MUG-900", "Mok wit", 12.10m, "8712345000901", "Keuken");
        await relay.TouchShopProductAsync(mug);
        var first = await relay.WaitForWorkAsync(ProductScenarios.ShopProductKey(mug), WorkStatus.Succeeded);

        // Name is create-only by default (AccountView's description is kept); price is written on every change.
        await relay.TouchShopProductAsync(mug, new JsonObject { ["name"] = "Mok wit groot", ["price"] = 18.15m });
        var second = await relay.WaitForWorkAsync(ProductScenarios.ShopProductKey(mug), WorkStatus.Succeeded, after: first.UpdatedAt);
        var article = relay.Articles("MUG-900").ShouldHaveSingleItem();
        article["ART_DESC1"]!.ToString().ShouldBe("Mok wit");
        article["PX_SELL"].Dec().ShouldBe(15.00m);

        await relay.TouchShopProductAsync(mug); // nothing changed
        await relay.WaitForWorkAsync(ProductScenarios.ShopProductKey(mug), WorkStatus.Succeeded, after: second.UpdatedAt);
        relay.Articles("MUG-900").Count.ShouldBe(1);
        (await relay.WorkEventsAsync(ProductScenarios.ShopProductKey(mug))).OfType<CatalogueSynced>().Last().Written.ShouldBeEmpty();
    }

    [Fact]
    public async Task Characteristics_reach_article_fields_through_the_data_mapper()
    {
        // Custom article fields (K1_, §3.6) exist only in the administration that has them: the connection moves to that one.
        await relay.Host.CallAsync("PATCH", "/api/connections/shop-1", RelayFixture.AdminKey, 200, new UpdateConnectionRequest(
            AccountView: new AccountViewCredentialsRequest(relay.Simulators.AccountViewUrl, "sandbox-client", "sandbox-client-secret",
                "extended-company", relay.Simulators.AccountView.Tokens.IssueRefreshToken())));
        await MakeTheShopMasterAsync(Settings);
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/mappings", RelayFixture.AdminKey, 200, new[]
        {
            new Relay.Domain.Mapping.FieldMapping("article.K1_ORIGIN", From: "product.originCountry"),
            new Relay.Domain.Mapping.FieldMapping("article.K1_DELIVERY", Concat: ["product.deliveryTime", "product.unit"], Separator: " / "),
        });
        var mug = relay.AddShopProduct("MUG-900", "Mok wit", 12.10m, "8712345000901", "Keuken");
        lock (relay.Simulators.CcvShop.Store.Gate)
        {
            var stored = relay.Simulators.CcvShop.Store.Find("products", mug)!;
            stored["tradecodesystem"] = new JsonObject { ["id"] = 1, ["code"] = "69120010", ["coo"] = "PT" };
            (stored["stock_delivery_number"], stored["stock_delivery_type"], stored["unit"]) = (2, "days", "stuk");
        }

        await relay.TouchShopProductAsync(mug);
        await relay.WaitForWorkAsync(ProductScenarios.ShopProductKey(mug), WorkStatus.Succeeded);

        var article = relay.Articles("MUG-900", "extended-company").ShouldHaveSingleItem();
        article["K1_ORIGIN"]!.ToString().ShouldBe("PT");
        article["K1_DELIVERY"]!.ToString().ShouldBe("2 days / stuk");
    }

    [Fact]
    public async Task With_AccountView_master_again_registering_removes_the_product_webhooks()
    {
        await MakeTheShopMasterAsync(Settings);
        await relay.SetProductFlowAsync(Settings with { Master = ProductMaster.AccountView });
        var events = await relay.RegisterWebhooksAsync();
        events.ShouldNotContain("products.updated");
        events.ShouldContain("orders.created");
        relay.ShopRows("webhooks", w => w["event"]!.ToString().StartsWith("products.")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_product_a_filter_leaves_out_is_skipped_with_its_rule()
    {
        await MakeTheShopMasterAsync(Settings with { Filters = [new ProductFilterRule("active", FilterOperator.Equals, "true")] });
        var hidden = relay.AddShopProduct("OLD-950", "Oude mok", 5m, "", "Keuken", active: false);

        await relay.TouchShopProductAsync(hidden);
        var item = await relay.WaitForWorkAsync(ProductScenarios.ShopProductKey(hidden), WorkStatus.Skipped);

        item.LastError.ShouldBe("Filter rule 1 (active equals 'true') is not met: it has 'false'.");
        relay.Articles("OLD-950").ShouldBeEmpty();
    }

    [Fact]
    public async Task The_main_photo_is_skipped_with_its_reason_unless_the_administration_takes_images_and_then_written_once()
    {
        await MakeTheShopMasterAsync(Settings);
        var photo = new byte[] { 0x89, 0x50, 0x4E, 0x47, 7, 7, 7 };
        var mug = relay.AddShopProduct("MUG-900", "Mok wit", 12.10m, "8712345000901", "Keuken", photo: photo);
        await relay.TouchShopProductAsync(mug);
        var first = await relay.WaitForWorkAsync(ProductScenarios.ShopProductKey(mug), WorkStatus.Succeeded);
        (await relay.WorkEventsAsync(ProductScenarios.ShopProductKey(mug))).OfType<CatalogueSynced>().Last().Decisions
            .ShouldContain(d => d.StartsWith("The main photo is not sent: whether AccountView takes an image"));
        relay.Articles("MUG-900").Single()["IMG_M_DATA"].ShouldBeNull();

        await relay.SetProductFlowAsync(Settings with { Fields = new ArticleFields { WriteImage = true } });
        await relay.TouchShopProductAsync(mug);
        var second = await relay.WaitForWorkAsync(ProductScenarios.ShopProductKey(mug), WorkStatus.Succeeded, after: first.UpdatedAt);
        relay.Articles("MUG-900").Single()["IMG_M_DATA"]!.ToString().ShouldBe(Convert.ToBase64String(photo));

        await relay.TouchShopProductAsync(mug); // the same photo: not written again
        await relay.WaitForWorkAsync(ProductScenarios.ShopProductKey(mug), WorkStatus.Succeeded, after: second.UpdatedAt);
        (await relay.WorkEventsAsync(ProductScenarios.ShopProductKey(mug))).OfType<CatalogueSynced>().Last().Written.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_initial_import_reads_the_shop_in_pages_not_product_by_product_and_run_twice_doubles_no_article()
    {
        await MakeTheShopMasterAsync(Settings);
        var cap = relay.AddShopProduct("CAP-910", "Pet zwart", 24.20m, "", "Petten",
            [("S", "CAP-910-S", 0m, "8712345000918"), ("M", "CAP-910-M", 1.21m, "8712345000925")]);
        var articlesBefore = relay.Simulators.AccountView.Rows("ARTICLE").Count;
        var productReads = new Regex(@"/products/\d+(\?|$)");
        int ProductReads() => relay.Simulators.CcvShop.Journal.Entries.Count(e => e.Method == "GET" && productReads.IsMatch(e.Target));
        var readsBefore = ProductReads();

        var first = await relay.WaitForImportAsync((await relay.StartImportAsync()).ImportId);

        first.Total.ShouldBe(relay.ShopRows("products", _ => true).Count);
        first.Done.ShouldBe(first.Total);
        first.Failed.ShouldBe(0, string.Join("; ", first.Failures.Select(f => f.Reason)));
        ProductReads().ShouldBe(readsBefore); // each product came from the pages read at the start (CCV allows 150 GETs a minute)
        relay.Articles("CAP-910-M").ShouldHaveSingleItem()["PX_SELL"].Dec().ShouldBe(21.00m);
        var articles = relay.Simulators.AccountView.Rows("ARTICLE").Count;
        articles.ShouldBe(articlesBefore + 2); // the demo catalogue has its articles already; the cap's two variants are new

        var second = await relay.WaitForImportAsync((await relay.StartImportAsync()).ImportId);
        second.Done.ShouldBe(second.Total);
        second.Failed.ShouldBe(0);
        relay.Simulators.AccountView.Rows("ARTICLE").Count.ShouldBe(articles);
        relay.Simulators.AccountView.Rows("ARTICLE").GroupBy(a => a["ART_CODE"]!.ToString()).Where(g => g.Count() > 1).ShouldBeEmpty();
        (await relay.WorkEventsAsync(ProductScenarios.ShopProductKey(cap))).OfType<CatalogueSynced>().Last().Written.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_imports_snapshot_is_not_used_for_a_product_a_webhook_said_changed_after_it_was_taken()
    {
        await MakeTheShopMasterAsync(Settings);
        var mug = relay.AddShopProduct("MUG-900", "Mok wit", 12.10m, "8712345000901", "Keuken");
        var cap = relay.AddShopProduct("CAP-910", "Pet zwart", 24.20m, "", "Petten");
        var lamp = relay.AddShopProduct("LAMP-920", "Lamp", 30.25m, "", "Keuken");
        ConnectionDocument connection;
        await using (var session = relay.Store.QuerySession()) connection = (await session.LoadAsync<ConnectionDocument>("shop-1"))!;
        var snapshots = relay.Host.Services.GetRequiredService<ShopProductSnapshots>();
        var taken = relay.Clock.GetUtcNow();

        await snapshots.TakeAsync("shop-1", connection.ShopAccess(), CancellationToken.None);

        snapshots.UseById("shop-1", mug, lastDeliveryAt: taken.AddSeconds(1)).ShouldBeNull(); // changed since: read the shop
        snapshots.UseById("shop-1", lamp, lastDeliveryAt: taken.AddSeconds(-30)).ShouldBeNull(); // too close to tell, with replicas' clocks
        snapshots.UseById("shop-1", cap, lastDeliveryAt: taken.AddMinutes(-5))!.Productnumber.ShouldBe("CAP-910");
        snapshots.UseById("shop-1", cap, lastDeliveryAt: null).ShouldBeNull(); // once: a retry or replay reads the shop
    }
}
