using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Relay.Simulators.CcvShop;

namespace Relay.Simulators.Tests.CcvShop;

public sealed class CcvShopResourceTests : SimulatorTest
{
    private SignedCcvRequests Ccv => new(Host.CcvShopUrl, Clock);

    [Fact]
    public async Task Following_next_links_reads_every_product_once()
    {
        using var ccv = Ccv;
        var ids = new List<long>();
        string? next = "/products?size=100";
        var pages = 0;
        while (next is not null)
        {
            var page = await ccv.GetJsonAsync(next);
            ids.AddRange(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()));
            next = page["next"]?.GetValue<string>();
            if (next is not null) next.ShouldStartWith(Host.CcvShopUrl); // absolute links (§2.3)
            pages++;
        }

        pages.ShouldBe(3);
        ids.Count.ShouldBe(300);
        ids.Distinct().Count().ShouldBe(300);
    }

    [Fact]
    public async Task Page_size_is_capped_and_links_keep_the_filters()
    {
        using var ccv = Ccv;

        var page = await ccv.GetJsonAsync("/products?active=true&size=400");

        page["size"]!.GetValue<int>().ShouldBe(250);
        page["items"]!.AsArray().Count.ShouldBe(250);
        page["previous"].ShouldBeNull();
        page["next"]!.GetValue<string>().ShouldContain("active=true");
        page["next"]!.GetValue<string>().ShouldContain("start=250");
    }

    [Fact]
    public async Task Orders_filter_by_status_and_paid_and_carry_the_real_quirks()
    {
        using var ccv = Ccv;
        await PlaceAsync(new SimulatedOrder("jan@example.nl", "Jan", "Jansen", [new("ART-00001", 1)], Paid: true, Status: 2));
        await PlaceAsync(new SimulatedOrder("piet@example.nl", "Piet", "Puk", [new("ART-00005", 2)], Paid: false, Status: 1));

        var paid = await ccv.GetJsonAsync("/orders?is_paid=true");
        var newOnes = await ccv.GetJsonAsync("/orders?status=1&is_paid=0");

        paid["items"]!.AsArray().Single()!["customer"]!["email"]!.GetValue<string>().ShouldBe("jan@example.nl");
        var order = newOnes["items"]!.AsArray().Single()!;
        order["customer"]!["deliveryaddress"]!["zipcode"]!.GetValue<string>().ShouldBe("");
        order["customer"]!["deliveryaddress"]!["country_code"].ShouldBeNull();
        order["discountcoupon"]!["code"]!.GetValue<string>().ShouldBe("");
        paid["items"]![0]!["user"]!["id"]!.GetValue<string>().ShouldNotBeNullOrEmpty(); // a string, as in real data
    }

    [Fact]
    public async Task An_order_read_with_expand_orderrows_carries_its_rows()
    {
        using var ccv = Ccv;
        var order = await PlaceAsync(new SimulatedOrder("jan@example.nl", "Jan", "Jansen", [new("ART-00001", 1), new("ART-00002-M", 2)]));

        var plain = await ccv.GetJsonAsync($"/orders/{order["id"]}");
        var expanded = await ccv.GetJsonAsync($"/orders/{order["id"]}?expand=orderrows");

        plain["orderrows"]!.AsObject().ContainsKey("collection").ShouldBeFalse();
        var rows = expanded["orderrows"]!["collection"]!.AsArray();
        rows.Select(r => r!["sub_sku_number"]!.GetValue<string>()).ShouldBe(["", "ART-00002-M"]);
        expanded["orderrows"]!["href"]!.GetValue<string>().ShouldEndWith($"/orders/{order["id"]}/orderrows");
    }

    [Fact]
    public async Task Order_rows_name_the_variant_they_sold()
    {
        using var ccv = Ccv;
        var order = await PlaceAsync(new SimulatedOrder("jan@example.nl", "Jan", "Jansen", [new("ART-00002-M", 2, Discount: 1)]));

        var rows = await ccv.GetJsonAsync($"/orders/{order["id"]}/orderrows");

        var row = rows["items"]!.AsArray().Single()!;
        row["product_number"]!.GetValue<string>().ShouldBe("ART-00002");
        row["sub_sku_number"]!.GetValue<string>().ShouldBe("ART-00002-M");
        row["count"]!.GetValue<decimal>().ShouldBe(2);
        row["total_price"]!.GetValue<decimal>().ShouldBe((row["price"]!.GetValue<decimal>() - 1) * 2);
    }

    [Fact]
    public async Task Productqueries_find_a_variant_by_sku()
    {
        using var ccv = Ccv;

        var hits = await ccv.GetJsonAsync("/productqueries?skunumber=ART-00002-L");

        var product = hits["items"]!.AsArray().Single()!;
        product["productnumber"]!.GetValue<string>().ShouldBe("ART-00002");
        product["attributecombinations"]!["collection"]!.AsArray().Single()!["sku_number"]!.GetValue<string>().ShouldBe("ART-00002-L");
    }

    [Fact]
    public async Task Stock_patches_answer_204_and_are_recorded()
    {
        using var ccv = Ccv;
        var product = (await ccv.GetJsonAsync("/products?productnumber=ART-00001"))["items"]![0]!;
        var combination = (await ccv.GetJsonAsync("/productqueries?skunumber=ART-00002-M"))["items"]![0]!["attributecombinations"]!["collection"]![0]!;

        (await ccv.SendAsync(HttpMethod.Patch, $"/products/{product["id"]}", """{"stock":7}""")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ccv.SendAsync(HttpMethod.Patch, $"/attributecombinations/{combination["id"]}/", """{"stock":3}""")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await ccv.GetJsonAsync($"/products/{product["id"]}"))["stock"]!.GetValue<decimal>().ShouldBe(7);
        (await ccv.GetJsonAsync($"/attributecombinations/{combination["id"]}"))["stock"]!.GetValue<decimal>().ShouldBe(3);
        Host.CcvShop.StockWrites.Select(w => (w.Resource, w.Stock)).ShouldBe([("products", 7m), ("attributecombinations", 3m)]);
    }

    [Theory]
    [InlineData("""{"stok":7}""")]
    [InlineData("""{"stock":"seven"}""")]
    [InlineData("""[1]""")]
    public async Task Bad_patch_is_refused_and_changes_nothing(string body)
    {
        using var ccv = Ccv;
        var product = (await ccv.GetJsonAsync("/products?productnumber=ART-00001"))["items"]![0]!;

        var response = await ccv.SendAsync(HttpMethod.Patch, $"/products/{product["id"]}", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ccv.GetJsonAsync($"/products/{product["id"]}"))["stock"]!.GetValue<decimal>().ShouldBe(product["stock"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Categories_links_and_photos_round_trip()
    {
        using var ccv = Ccv;
        var product = (await ccv.GetJsonAsync("/products?productnumber=ART-00001"))["items"]![0]!["id"]!.GetValue<long>();

        var created = await ccv.SendAsync(HttpMethod.Post, "/categories", """{"name":"Nieuw"}""");
        var category = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        (await ccv.SendAsync(HttpMethod.Post, "/producttocategories", $$"""{"product_id":{{product}},"category_id":{{category}}}""")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ccv.SendAsync(HttpMethod.Post, $"/products/{product}/productphotos", """{"file_type":"png","source":"iVBORw0KGgo=","is_mainphoto":true}""")).StatusCode.ShouldBe(HttpStatusCode.Created);

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ccv.GetJsonAsync($"/products/{product}/producttocategories"))["items"]!.AsArray().Select(l => l!["category_id"]!.GetValue<long>()).ShouldContain(category);
        (await ccv.GetJsonAsync($"/products/{product}"))["productmainphoto"]!.GetValue<string>().ShouldEndWith(".png");
    }

    private async Task<JsonObject> PlaceAsync(SimulatedOrder order)
    {
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync($"{Host.CcvShopUrl}/__control/orders", order);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!.AsObject();
    }
}

public sealed class CcvShopSeedTests : SimulatorTest
{
    protected override CcvShopOptions CcvOptions => new() { SeedProducts = 40, SeedOrders = 3 };

    [Fact]
    public async Task The_demo_shop_has_orders_and_a_dump_seeds_an_identical_shop()
    {
        var dump = Host.CcvShop.Dump();
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, dump.ToJsonString());
        try
        {
            await using var copy = await SimulatorHost.StartAsync(new CcvShopOptions { SeedFile = file }, clock: Clock);
            using var ccv = new SignedCcvRequests(copy.CcvShopUrl, Clock);

            var orders = await ccv.GetJsonAsync("/orders");
            var products = await ccv.GetJsonAsync("/products?size=100");

            orders["items"]!.AsArray().Count.ShouldBe(3);
            orders["items"]!.AsArray().ShouldContain(o => o!["customer"]!["billingaddress"]!["country_code"]!.GetValue<string>() == "BE");
            products["items"]!.AsArray().Count.ShouldBe(40);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
