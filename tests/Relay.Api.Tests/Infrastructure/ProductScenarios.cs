using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Relay.Api.Features.Products;
using Relay.Domain.Customers;
using Relay.Domain.Products;
using Relay.Domain.WorkItems;
using Relay.Simulators;
using Relay.Simulators.AccountView;

namespace Relay.Api.Tests.Infrastructure;

/// <summary>The product and customer flows as a merchant sets them up, and both simulators' sides of them.</summary>
public static class ProductScenarios
{
    /// <summary>The package the simulated shop's products use (its seed).</summary>
    public const long Package = 1664901;

    public static async Task SetProductFlowAsync(this RelayFixture relay, ProductFlowSettings settings, string connection = "shop-1")
    {
        await relay.Host.Scenario(s =>
        {
            s.Put.Json(settings).ToUrl($"/api/connections/{connection}/flows/products");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(200);
        });
    }

    public static async Task SetCustomerFlowAsync(this RelayFixture relay, CustomerFlowSettings settings, string connection = "shop-1")
    {
        await relay.Host.Scenario(s =>
        {
            s.Put.Json(settings).ToUrl($"/api/connections/{connection}/flows/customers");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(200);
        });
    }

    /// <summary>Moves the clock until the poller has started the flows (their first run only takes note of the time).</summary>
    public static async Task WaitForFirstScanAsync(this RelayFixture relay, string connection = "shop-1")
    {
        var started = Eventually.WaitAsync(async () => (await relay.CatalogueStateAsync(connection))?.LastReconciliationAt is not null,
            TimeSpan.FromSeconds(30), () => "the product flow did not start");
        await ClockPump.RunAsync(() => relay.Clock, started, CataloguePoller.Tick);
    }

    /// <summary>
    /// Moves the clock a second at a time while the work waits on it: when nothing runs, when something waits
    /// for the shop's next rate-limit minute, or when neither simulator has answered anything for a quarter
    /// second (a back-off between retries). Not while calls are answered, which the clock would time out.
    /// </summary>
    public static Task PumpAsync(this RelayFixture relay, Task done, int seconds)
    {
        var limiter = relay.Host.Services.GetRequiredService<Relay.Api.Clients.CcvShop.CcvRateLimiter>();
        var poller = relay.Host.Services.GetRequiredService<CataloguePoller>();
        var calls = 0;
        var quietSince = DateTime.UtcNow;
        bool Quiet()
        {
            var now = relay.Simulators.CcvShop.Journal.Entries.Count + relay.Simulators.AccountView.Journal.Entries.Count;
            if (now != calls) (calls, quietSince) = (now, DateTime.UtcNow);
            return DateTime.UtcNow - quietSince > TimeSpan.FromMilliseconds(250);
        }
        return ClockPump.RunAsync(() => relay.Clock, done, TimeSpan.FromSeconds(1),
            idle: () => Quiet() || (!poller.Scanning && (relay.WorkInFlight() == 0 || limiter.Waiting > 0)), realSeconds: seconds + 5);
    }

    public static async Task<CatalogueState?> CatalogueStateAsync(this RelayFixture relay, string connection = "shop-1")
    {
        await using var session = relay.Store.QuerySession();
        return await session.LoadAsync<CatalogueState>(connection);
    }

    /// <summary>Moves the clock until the work item has an outcome of this status newer than <paramref name="after"/>.</summary>
    public static async Task<WorkItem> WaitForWorkAsync(this RelayFixture relay, string key, WorkStatus status, DateTimeOffset? after = null, int seconds = 60)
    {
        WorkItem? item = null;
        var done = Eventually.WaitAsync(async () =>
        {
            await using var session = relay.Store.QuerySession();
            item = await session.LoadAsync<WorkItem>(key);
            return item?.Status == status && (after is null || item.UpdatedAt > after);
        }, TimeSpan.FromSeconds(seconds), () => $"{key} is {item?.Status.ToString() ?? "absent"} ({item?.LastError}), not {status}; " +
            $"{relay.WorkInFlight()} work messages in flight, " +
            $"{relay.Host.Services.GetRequiredService<Relay.Api.Clients.CcvShop.CcvRateLimiter>().Waiting} waiting for the shop's rate limit; last shop calls: " +
            string.Join(", ", relay.Simulators.CcvShop.Journal.Entries.TakeLast(5).Select(e => $"{e.At:T} {e.Method} {e.Target} {e.Status}")) +
            "; last AccountView calls: " + string.Join(", ", relay.Simulators.AccountView.Journal.Entries.TakeLast(4).Select(e => $"{e.At:T} {e.Method} {e.Target} {e.Status}")) +
            $"; now {relay.Clock.GetUtcNow():T}; events: " + System.Text.Json.JsonSerializer.Serialize(relay.WorkEventsAsync(key).GetAwaiter().GetResult().OfType<CatalogueFailed>().Take(3)));
        await relay.PumpAsync(done, seconds);
        return item!;
    }

    public static async Task<IReadOnlyList<object>> WorkEventsAsync(this RelayFixture relay, string key)
    {
        await using var session = relay.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(key)).Select(e => e.Data).ToList();
    }

    public static string FamilyKey(string family, string connection = "shop-1") =>
        WorkKey.ForArticleFamily(connection, family).ToString();

    /// <summary>Adds an article to the simulated administration, changed now (as the merchant's bookkeeper would).</summary>
    public static void AddArticle(this RelayFixture relay, string code, string description, decimal price, string ean, string group,
        int onShelf = 5, string? image = null, bool blocked = false)
    {
        var sim = relay.Simulators.AccountView;
        lock (sim.Store.Gate)
        {
            var row = new JsonObject
            {
                ["ART_CODE"] = code, ["ART_DESC1"] = description, ["AG_CODE"] = group, ["PX_SELL"] = price, ["EAN_CODE"] = ean, ["VAT_CODE"] = "H1",
                ["REC_BLK"] = blocked, ["INP_DATE"] = AccountViewStore.Timestamp(sim.Clock.GetUtcNow()),
            };
            if (image is not null) (row["IMG_M_DATA"], row["IMG_MEDIUM"]) = (image, $"{code}.png");
            AccountViewStore.SetStock(row, onShelf, 0, sim.Clock.GetUtcNow(), sim.Options.Companies[0].Profile);
            sim.Store.Table(sim.Options.Companies[0].Id, "ARTICLE").Add(row);
        }
    }

    /// <summary>Changes an article's fields in the simulated administration; its change date moves.</summary>
    public static void ChangeArticle(this RelayFixture relay, string code, params (string Field, JsonNode? Value)[] changes)
    {
        var sim = relay.Simulators.AccountView;
        lock (sim.Store.Gate)
        {
            var row = sim.Store.Find(sim.Options.Companies[0].Id, "ARTICLE", "ART_CODE", code)!;
            foreach (var (field, value) in changes) row[field] = value;
            row["CNG_DATE"] = AccountViewStore.Timestamp(sim.Clock.GetUtcNow());
        }
    }

    public static JsonObject Article(this RelayFixture relay, string code) =>
        relay.Simulators.AccountView.Rows("ARTICLE").Single(a => a["ART_CODE"]?.ToString() == code);

    public static List<JsonObject> ShopProducts(this RelayFixture relay, string number)
    {
        var store = relay.Simulators.CcvShop.Store;
        lock (store.Gate) return store["products"].Values.Where(p => p["productnumber"]?.ToString() == number).Select(p => (JsonObject)p.DeepClone()).ToList();
    }

    public static List<JsonObject> ShopRows(this RelayFixture relay, string kind, Func<JsonObject, bool> where)
    {
        var store = relay.Simulators.CcvShop.Store;
        lock (store.Gate) return store[kind].Values.Where(where).Select(p => (JsonObject)p.DeepClone()).ToList();
    }

    /// <summary>The names of the categories a shop product is linked to.</summary>
    public static List<string> ShopCategoriesOf(this RelayFixture relay, long productId)
    {
        var store = relay.Simulators.CcvShop.Store;
        lock (store.Gate)
            return store["producttocategories"].Values.Where(l => l["product_id"].Long() == productId)
                .Select(l => store.Find("categories", l["category_id"].Long())!["name"]!.ToString()).ToList();
    }

    /// <summary>Registers the connection's webhooks at the shop through the admin API (the product events while the shop is the master); returns the events.</summary>
    public static async Task<List<string>> RegisterWebhooksAsync(this RelayFixture relay, string connection = "shop-1")
    {
        var result = await relay.Host.CallAsync("POST", $"/api/connections/{connection}/webhooks/register", RelayFixture.AdminKey, 200);
        return (await result.ReadAsJsonAsync<List<Relay.Api.Features.Connections.WebhookRegistration.WebhookView>>())!
            .Where(w => w.Action != "removed").Select(w => w.Event).ToList();
    }

    /// <summary>
    /// A product the merchant made in the shop's back office: sizes become attribute combinations of the seeded
    /// attribute Maat, each with its SKU and extra price; linked to a category (made when the shop has none).
    /// </summary>
    public static long AddShopProduct(this RelayFixture relay, string number, string name, decimal price, string ean, string category,
        (string Size, string Sku, decimal Extra, string Ean)[]? sizes = null, bool active = true, byte[]? photo = null)
    {
        var store = relay.Simulators.CcvShop.Store;
        lock (store.Gate)
        {
            var now = Relay.Simulators.CcvShop.CcvSigning.FormatDate(relay.Clock.GetUtcNow());
            var product = store.Add("products", new JsonObject
            {
                ["is_active"] = active, ["createdate"] = now, ["modifydate"] = now, ["productnumber"] = number, ["eannumber"] = ean, ["name"] = name,
                ["shortdescription"] = name, ["description"] = $"<p>{name}</p>", ["taxtariff"] = "normal", ["price"] = price, ["discount"] = 0,
                ["stockenabled"] = true, ["stocktype"] = sizes is null ? "Product" : "Attribute", ["stock"] = 3, ["productmainphoto"] = null,
                ["brand"] = null, ["package"] = new JsonObject { ["id"] = Package },
            });
            var id = product["id"].Long();
            var categoryId = store["categories"].Values.FirstOrDefault(c => c["name"]!.ToString() == category)?["id"].Long()
                             ?? store.Add("categories", new JsonObject { ["name"] = category, ["position"] = 9 })["id"].Long();
            store.Add("producttocategories", new JsonObject { ["product_id"] = id, ["category_id"] = categoryId, ["position"] = 1 });
            foreach (var (size, sku, extra, variantEan) in sizes ?? [])
            {
                var value = store["attributevalues"].Values.First(v => v["attribute_id"].Long() == 301 && v["name"]!.ToString() == size);
                store.Add("attributecombinations", new JsonObject
                {
                    ["product_id"] = id, ["stock"] = 2, ["netto_extra_price"] = extra, ["product_number"] = sku, ["ean_number"] = variantEan,
                    ["sku_number"] = sku, ["active"] = true,
                    ["combination"] = new JsonArray(new JsonObject
                    {
                        ["attribute"] = new JsonObject { ["id"] = 301, ["name"] = "Maat" },
                        ["attribute_value"] = new JsonObject { ["id"] = value["id"]!.DeepClone(), ["name"] = size }, ["extra_price"] = extra,
                    }),
                });
            }
            if (photo is not null)
            {
                var file = $"{id}-main.png";
                store.Files[file] = photo;
                product["productmainphoto"] = $"{relay.Simulators.CcvShopUrl}/Files/ProductPhotos/{file}";
            }
            return id;
        }
    }

    public static List<JsonObject> Articles(this RelayFixture relay, string code, string? company = null) =>
        relay.Simulators.AccountView.Rows("ARTICLE", company).Where(a => a["ART_CODE"]?.ToString() == code).ToList();

    public static string ShopProductKey(long id, string connection = "shop-1") =>
        WorkKey.ForShopEntity(connection, ShopEntity.Product, id.ToString()).ToString();

    /// <summary>Fires products.updated for a shop product, as the merchant saving it in the shop's back office would.</summary>
    /// <summary>
    /// Changes a shop product (its webhook follows). The clock moves a second first, so the run this starts ends
    /// later than the last one: a test waiting with `after:` the last outcome's time then tells them apart even
    /// when the work runs at once, in the same fake instant.
    /// </summary>
    public static async Task TouchShopProductAsync(this RelayFixture relay, long productId, JsonObject? fields = null)
    {
        relay.Clock.Advance(TimeSpan.FromSeconds(1));
        using var http = new HttpClient();
        var response = await http.PatchAsJsonAsync($"{relay.Simulators.CcvShopUrl}/__control/products/{productId}", fields ?? new JsonObject());
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    public static async Task<CatalogueEndpoints.ImportProgress> StartImportAsync(this RelayFixture relay, string what = "products", string connection = "shop-1")
    {
        var result = await relay.Host.Scenario(s =>
        {
            s.Post.Url($"/api/connections/{connection}/{what}/import");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(202);
        });
        return (await result.ReadAsJsonAsync<CatalogueEndpoints.ImportProgress>())!;
    }

    /// <summary>Moves the clock until the import is finished; returns its last progress.</summary>
    public static async Task<CatalogueEndpoints.ImportProgress> WaitForImportAsync(this RelayFixture relay, string importId, string connection = "shop-1", int seconds = 120)
    {
        CatalogueEndpoints.ImportProgress? progress = null;
        var done = Eventually.WaitAsync(async () =>
        {
            progress = await relay.Host.GetAdminAsync<CatalogueEndpoints.ImportProgress>($"/api/connections/{connection}/imports/{importId}");
            return progress.Finished;
        }, TimeSpan.FromSeconds(seconds), () => $"import {importId}: {progress?.Done}/{progress?.Total}");
        await relay.PumpAsync(done, seconds);
        return progress!;
    }
}
