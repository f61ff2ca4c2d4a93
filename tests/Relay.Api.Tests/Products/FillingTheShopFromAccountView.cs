using Microsoft.Extensions.DependencyInjection;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Products;
using Relay.Domain.WorkItems;
using Relay.Simulators;

namespace Relay.Api.Tests.Products;

/// <summary>AccountView is the product master: its articles become shop products, variants, categories and photos.</summary>
[Collection(RelayCollection.Name)]
public sealed class FillingTheShopFromAccountView(RelayFixture relay) : IAsyncLifetime
{
    private static readonly byte[] Image = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4, 5];
    private static readonly byte[] OtherImage = [0x89, 0x50, 0x4E, 0x47, 9, 8, 7];

    private static ProductFlowSettings Settings => new() { Enabled = true, PackageId = ProductScenarios.Package, PollSeconds = 30 };

    public async Task InitializeAsync()
    {
        await relay.ResetAsync();
        await relay.ConnectSimulatorsAsync(new Domain.Orders.OrderFlowSettings { Enabled = false });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_simple_article_and_three_variant_articles_become_one_simple_and_one_variant_product()
    {
        await relay.SetProductFlowAsync(Settings);
        await relay.WaitForFirstScanAsync();
        relay.AddArticle("LAMP-100", "Lamp koper", 50m, "8712345000109", "KEUKEN", image: Convert.ToBase64String(Image));
        relay.AddArticle("HOODIE-200-S", "Hoodie grijs S", 40m, "8712345000208", "KLEDING");
        relay.AddArticle("HOODIE-200-M", "Hoodie grijs M", 40m, "8712345000215", "KLEDING");
        relay.AddArticle("HOODIE-200-L", "Hoodie grijs L", 44m, "8712345000222", "KLEDING");

        await relay.WaitForWorkAsync(ProductScenarios.FamilyKey("LAMP-100"), WorkStatus.Succeeded);
        await relay.WaitForWorkAsync(ProductScenarios.FamilyKey("HOODIE-200"), WorkStatus.Succeeded);

        var lamp = relay.ShopProducts("LAMP-100").ShouldHaveSingleItem();
        lamp["name"]!.ToString().ShouldBe("Lamp koper");
        lamp["price"].Dec().ShouldBe(60.50m); // 50 excluding VAT, the shop shows prices including 21%
        lamp["eannumber"]!.ToString().ShouldBe("8712345000109");
        lamp["taxtariff"]!.ToString().ShouldBe("normal");
        lamp["is_active"]!.GetValue<bool>().ShouldBeTrue();
        lamp["stock"].Dec().ShouldBe(5);
        relay.ShopCategoriesOf(lamp["id"].Long()).ShouldBe(["Keuken"]);
        relay.ShopRows("attributecombinations", c => c["product_id"].Long() == lamp["id"].Long()).ShouldBeEmpty();

        var hoodie = relay.ShopProducts("HOODIE-200").ShouldHaveSingleItem();
        hoodie["name"]!.ToString().ShouldBe("Hoodie grijs");
        hoodie["price"].Dec().ShouldBe(48.40m);
        relay.ShopCategoriesOf(hoodie["id"].Long()).ShouldBe(["Kleding"], System.Text.Json.JsonSerializer.Serialize(await relay.WorkEventsAsync(ProductScenarios.FamilyKey("HOODIE-200"))));
        var variants = relay.ShopRows("attributecombinations", c => c["product_id"].Long() == hoodie["id"].Long())
            .ToDictionary(c => c["sku_number"]!.ToString());
        variants.Keys.Order().ToArray().ShouldBe(["HOODIE-200-L", "HOODIE-200-M", "HOODIE-200-S"]);
        variants["HOODIE-200-M"]["ean_number"]!.ToString().ShouldBe("8712345000215");
        variants["HOODIE-200-L"]["netto_extra_price"].Dec().ShouldBe(4.84m); // 44 × 1.21 − 48.40
        variants["HOODIE-200-S"]["netto_extra_price"].Dec().ShouldBe(0m);
        variants["HOODIE-200-S"]["combination"]![0]!["attribute"]!["name"]!.ToString().ShouldBe("Maat");
        variants["HOODIE-200-S"]["stock"].Dec().ShouldBe(5);

        // The next poll re-reads the last minute's changes (the overlap): the second look finds nothing to write.
        var synced = (await relay.WorkEventsAsync(ProductScenarios.FamilyKey("HOODIE-200"))).OfType<CatalogueSynced>().First();
        synced.Target.ShouldBe($"CCV product {hoodie["id"]}");
        synced.Written.ShouldContain("created");
    }

    [Fact]
    public async Task A_change_in_AccountView_writes_only_the_field_groups_whose_switch_is_on()
    {
        await relay.SetProductFlowAsync(Settings);
        await relay.WaitForFirstScanAsync();
        relay.AddArticle("LAMP-100", "Lamp koper", 50m, "8712345000109", "KEUKEN");
        var created = await relay.WaitForWorkAsync(ProductScenarios.FamilyKey("LAMP-100"), WorkStatus.Succeeded);

        // Name is create-only by default; price and EAN are written on every change.
        relay.ChangeArticle("LAMP-100", ("ART_DESC1", "Lamp messing"), ("PX_SELL", 60m), ("EAN_CODE", "8712345000116"));
        var updated = await relay.WaitForWorkAsync(ProductScenarios.FamilyKey("LAMP-100"), WorkStatus.Succeeded, after: created.UpdatedAt);
        var lamp = relay.ShopProducts("LAMP-100").ShouldHaveSingleItem();
        lamp["name"]!.ToString().ShouldBe("Lamp koper");
        lamp["price"].Dec().ShouldBe(72.60m);
        lamp["eannumber"]!.ToString().ShouldBe("8712345000116");
        (await relay.WorkEventsAsync(ProductScenarios.FamilyKey("LAMP-100"))).OfType<CatalogueSynced>().Last().Written.ShouldBe(["Price", "Ean"]);

        // Price switched to create-only, name to every update.
        await relay.SetProductFlowAsync(Settings with { Updates = new ProductUpdates { Name = true, Price = false } });
        relay.ChangeArticle("LAMP-100", ("ART_DESC1", "Lamp messing"), ("PX_SELL", 70m));
        await relay.WaitForWorkAsync(ProductScenarios.FamilyKey("LAMP-100"), WorkStatus.Succeeded, after: updated.UpdatedAt);
        lamp = relay.ShopProducts("LAMP-100").ShouldHaveSingleItem();
        lamp["name"]!.ToString().ShouldBe("Lamp messing");
        lamp["price"].Dec().ShouldBe(72.60m);
        relay.ShopProducts("LAMP-100").Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_variant_price_change_in_AccountView_reaches_the_variant_through_its_attribute_values_price()
    {
        await relay.SetProductFlowAsync(Settings);
        await relay.WaitForFirstScanAsync();
        relay.AddArticle("HOODIE-300-S", "Hoodie zwart S", 40m, "8712345000307", "KLEDING");
        relay.AddArticle("HOODIE-300-L", "Hoodie zwart L", 44m, "8712345000314", "KLEDING");
        var created = await relay.WaitForWorkAsync(ProductScenarios.FamilyKey("HOODIE-300"), WorkStatus.Succeeded);

        relay.ChangeArticle("HOODIE-300-L", ("PX_SELL", 45m));
        var updated = await relay.WaitForWorkAsync(ProductScenarios.FamilyKey("HOODIE-300"), WorkStatus.Succeeded, after: created.UpdatedAt);

        var hoodie = relay.ShopProducts("HOODIE-300").ShouldHaveSingleItem();
        hoodie["price"].Dec().ShouldBe(48.40m); // the lowest price is still S's
        var variants = relay.ShopRows("attributecombinations", c => c["product_id"].Long() == hoodie["id"].Long()).ToDictionary(c => c["sku_number"]!.ToString());
        variants["HOODIE-300-L"]["netto_extra_price"].Dec().ShouldBe(6.05m); // 45 × 1.21 − 48.40
        variants["HOODIE-300-S"]["netto_extra_price"].Dec().ShouldBe(0m);
        var synced = (await relay.WorkEventsAsync(ProductScenarios.FamilyKey("HOODIE-300"))).OfType<CatalogueSynced>().Last();
        synced.Written.ShouldBe(["Price", "Maat L adds 6.05"]);
        synced.Decisions.ShouldContain("Variant prices on top of the product's: HOODIE-300-L +6.05 (was +4.84).");

        // A change that leaves the prices as they are writes no price.
        relay.ChangeArticle("HOODIE-300-S", ("EAN_CODE", "8712345000321"));
        await relay.WaitForWorkAsync(ProductScenarios.FamilyKey("HOODIE-300"), WorkStatus.Succeeded, after: updated.UpdatedAt);
        (await relay.WorkEventsAsync(ProductScenarios.FamilyKey("HOODIE-300"))).OfType<CatalogueSynced>().Last().Written.ShouldBe(["HOODIE-300-S: ean_number"]);
    }

    [Fact]
    public async Task A_stock_count_alone_queues_no_product_work()
    {
        await relay.SetProductFlowAsync(Settings);
        await relay.WaitForFirstScanAsync();
        relay.AddArticle("LAMP-100", "Lamp koper", 50m, "8712345000109", "KEUKEN");
        var synced = await relay.WaitForWorkAsync(ProductScenarios.FamilyKey("LAMP-100"), WorkStatus.Succeeded);
        var queued = (await relay.WorkEventsAsync(synced.Id)).OfType<CatalogueWorkQueued>().Count();

        relay.Simulators.AccountView.SetStockOnShelf("LAMP-100", 40).ShouldBeTrue(); // its change date moves
        var lastPoll = (await relay.CatalogueStateAsync())!.LastPollAt;
        var twoPolls = Eventually.WaitAsync(async () => (await relay.CatalogueStateAsync())!.LastPollAt >= lastPoll + TimeSpan.FromSeconds(2 * Settings.PollSeconds),
            TimeSpan.FromSeconds(30), () => "no two more polls");
        await relay.PumpAsync(twoPolls, 30);

        (await relay.WorkEventsAsync(synced.Id)).OfType<CatalogueWorkQueued>().Count().ShouldBe(queued);
        relay.ChangeArticle("LAMP-100", ("PX_SELL", 55m));
        await relay.WaitForWorkAsync(synced.Id, WorkStatus.Succeeded, after: synced.UpdatedAt);
        relay.ShopProducts("LAMP-100").Single()["price"].Dec().ShouldBe(66.55m);
    }

    [Fact]
    public async Task An_article_a_filter_leaves_out_is_skipped_with_the_rule_it_did_not_meet()
    {
        await relay.SetProductFlowAsync(Settings with { Filters = [new ProductFilterRule("AG_CODE", FilterOperator.OneOf, "KEUKEN,KLEDING")] });
        await relay.WaitForFirstScanAsync();
        relay.AddArticle("PLANT-300", "Plantenbak groot", 20m, "8712345000307", "TUIN");

        var item = await relay.WaitForWorkAsync(ProductScenarios.FamilyKey("PLANT-300"), WorkStatus.Skipped);

        item.LastError.ShouldBe("Article PLANT-300 left out. Filter rule 1 (AG_CODE is one of 'KEUKEN,KLEDING') is not met: it has 'TUIN'.");
        relay.ShopProducts("PLANT-300").ShouldBeEmpty();
    }

    [Fact]
    public async Task The_image_is_uploaded_once_and_replaced_only_when_it_changed()
    {
        await relay.SetProductFlowAsync(Settings);
        await relay.WaitForFirstScanAsync();
        relay.AddArticle("LAMP-100", "Lamp koper", 50m, "8712345000109", "KEUKEN", image: Convert.ToBase64String(Image));
        var first = await relay.WaitForWorkAsync(ProductScenarios.FamilyKey("LAMP-100"), WorkStatus.Succeeded);
        var id = relay.ShopProducts("LAMP-100").Single()["id"].Long();
        Photos(id).ShouldHaveSingleItem()["sha256"]!.ToString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Image)));

        relay.ChangeArticle("LAMP-100", ("PX_SELL", 55m)); // the image is the same
        var second = await relay.WaitForWorkAsync(ProductScenarios.FamilyKey("LAMP-100"), WorkStatus.Succeeded, after: first.UpdatedAt);
        var photo = Photos(id).ShouldHaveSingleItem();
        relay.Simulators.CcvShop.Journal.Entries.Count(e => e.Method == "POST" && e.Target.Contains("/productphotos")).ShouldBe(1);

        relay.ChangeArticle("LAMP-100", ("IMG_M_DATA", Convert.ToBase64String(OtherImage)));
        await relay.WaitForWorkAsync(ProductScenarios.FamilyKey("LAMP-100"), WorkStatus.Succeeded, after: second.UpdatedAt);
        var replaced = Photos(id).ShouldHaveSingleItem();
        replaced["id"].Long().ShouldNotBe(photo["id"].Long());
        replaced["sha256"]!.ToString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(OtherImage)));
        replaced["is_mainphoto"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task The_initial_import_of_the_whole_catalogue_reports_progress_and_run_twice_creates_no_duplicates()
    {
        // The demo catalogue has the same prices in both systems when both exclude VAT.
        await relay.SetProductFlowAsync(Settings with { ShopPricesIncludeVat = false });
        await relay.WaitForFirstScanAsync();
        relay.AddArticle("LAMP-100", "Lamp koper", 50m, "8712345000109", "KEUKEN");
        var productsBefore = relay.ShopRows("products", _ => true).Count;

        var started = await relay.StartImportAsync();
        started.State.ShouldBe(Relay.Api.Features.Products.ImportState.Reading); // the catalogue is read in the background
        started.Done.ShouldBe(0);
        var first = await relay.WaitForImportAsync(started.ImportId);
        first.State.ShouldBe(Relay.Api.Features.Products.ImportState.Queued);
        first.Total.ShouldBe(RelayFixture.Catalogue + 2); // the demo catalogue, the shipping-costs article and the lamp
        first.Done.ShouldBe(first.Total);
        first.Failures.ShouldBeEmpty();
        first.Failed.ShouldBe(0);

        int Lookups() => relay.Simulators.CcvShop.Journal.Entries.Count(e => e.Method == "GET" && e.Target.Contains("productnumber="));
        var lookupsBefore = Lookups();
        var second = await relay.WaitForImportAsync((await relay.StartImportAsync()).ImportId);
        second.Done.ShouldBe(second.Total);
        second.Failed.ShouldBe(0);
        // Every product exists now and is taken from the pages read at the start: no look-up each (150 GETs a minute).
        Lookups().ShouldBe(lookupsBefore);

        var numbers = relay.ShopRows("products", _ => true).Select(p => p["productnumber"]!.ToString()).ToList();
        numbers.Count.ShouldBe(productsBefore + 2); // the lamp and VERZEND, once each
        numbers.GroupBy(n => n).Where(g => g.Count() > 1).ShouldBeEmpty();
        relay.ShopRows("attributecombinations", _ => true).GroupBy(c => c["sku_number"]!.ToString()).Where(g => g.Count() > 1).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_import_a_stop_cut_off_while_reading_is_reported_failed_at_the_next_start()
    {
        await using (var session = relay.Store.LightweightSession())
        {
            session.Store(new Relay.Api.Features.Products.CatalogueImportDocument
                { Id = "cut-off", ConnectionId = "shop-1", Flow = "Products", StartedAt = relay.Clock.GetUtcNow().AddMinutes(-5) });
            await session.SaveChangesAsync();
        }

        await relay.Host.Services.GetRequiredService<Relay.Api.Features.Products.CatalogueImports>().StartAsync(CancellationToken.None);

        var progress = await relay.Host.GetAdminAsync<Relay.Api.Features.Products.CatalogueEndpoints.ImportProgress>("/api/connections/shop-1/imports/cut-off");
        progress.State.ShouldBe(Relay.Api.Features.Products.ImportState.Failed);
        progress.Finished.ShouldBeTrue();
        progress.Error!.ShouldContain("Start the import again");
    }

    private List<JsonObject> Photos(long productId) => relay.ShopRows("productphotos", p => p["product_id"].Long() == productId);
}
