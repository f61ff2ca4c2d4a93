using System.Text.Json.Nodes;

namespace Relay.Simulators.Tests.CcvShop;

/// <summary>Products, attribute values and the combinations the shop generates from them (§4.6, §4.7).</summary>
public sealed class CcvShopProductWriteTests : SimulatorTest
{
    private SignedCcvRequests Ccv => new(Host.CcvShopUrl, Clock);

    [Fact]
    public async Task A_created_product_is_found_by_its_number_with_its_variants_and_categories()
    {
        using var ccv = Ccv;
        var created = await ccv.SendAsync(HttpMethod.Post, "/products",
            """{"name":"Hoodie","price":48.4,"discount":0,"package_id":1664901,"taxtariff":"normal","productnumber":"HOODIE-1","active":true,"stock":0}""");
        var product = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        ((int)created.StatusCode).ShouldBe(201, product.ToJsonString());
        var id = product["id"]!.GetValue<long>();

        var size = JsonNode.Parse(await (await ccv.SendAsync(HttpMethod.Post, "/attributes", """{"name":"Maat"}""")).Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        foreach (var (value, extra) in new[] { ("S", 0m), ("L", 4.84m) })
        {
            var valueId = JsonNode.Parse(await (await ccv.SendAsync(HttpMethod.Post, $"/attributes/{size}/attributevalues", $$"""{"name":"{{value}}"}""")).Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
            var attached = await ccv.SendAsync(HttpMethod.Post, $"/products/{id}/productattributevalues", $$"""{"optionvalue":{{valueId}},"price":{{extra}}}""");
            ((int)attached.StatusCode).ShouldBe(201, await attached.Content.ReadAsStringAsync());
        }
        (await ccv.SendAsync(HttpMethod.Post, "/producttocategories", $$"""{"product_id":{{id}},"category_id":{{CategoryId("Kleding")}}}""")).IsSuccessStatusCode.ShouldBeTrue();

        var found = await ccv.GetJsonAsync("/products?productnumber=HOODIE-1&expand=attributecombinations,producttocategories");
        var item = found["items"]!.AsArray().ShouldHaveSingleItem()!;
        var combinations = item["attributecombinations"]!["collection"]!.AsArray();
        combinations.Select(c => c!["combination"]![0]!["attribute_value"]!["name"]!.GetValue<string>()).ShouldBe(["S", "L"]);
        combinations.Select(c => c!["netto_extra_price"]!.GetValue<decimal>()).ShouldBe([0m, 4.84m]);
        item["producttocategories"]!["collection"]!.AsArray().ShouldHaveSingleItem()!["category_id"]!.GetValue<long>().ShouldBe(CategoryId("Kleding"));
        item["is_active"]!.GetValue<bool>().ShouldBeTrue();
        // Listing does not tie the stored product to an answer: it can be listed again.
        (await ccv.GetJsonAsync("/products?productnumber=HOODIE-1"))["items"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Attaching_the_same_value_twice_is_refused()
    {
        using var ccv = Ccv;
        var id = Host.CcvShop.Store["products"].Keys.First();
        var valueId = Host.CcvShop.Store["attributevalues"].Keys.First();
        (await ccv.SendAsync(HttpMethod.Post, $"/products/{id}/productattributevalues", $$"""{"optionvalue":{{valueId}},"price":0}""")).IsSuccessStatusCode.ShouldBeTrue();
        var again = await ccv.SendAsync(HttpMethod.Post, $"/products/{id}/productattributevalues", $$"""{"optionvalue":{{valueId}},"price":0}""");
        ((int)again.StatusCode).ShouldBe(400);
    }

    [Fact]
    public async Task A_new_price_of_an_attached_value_moves_the_extra_price_of_its_combinations()
    {
        using var ccv = Ccv;
        var created = await ccv.SendAsync(HttpMethod.Post, "/products",
            """{"name":"Shirt","price":20,"discount":0,"package_id":1664901,"taxtariff":"normal","productnumber":"SHIRT-1","active":true}""");
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        var size = JsonNode.Parse(await (await ccv.SendAsync(HttpMethod.Post, "/attributes", """{"name":"Maat"}""")).Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        foreach (var value in new[] { "M", "XL" })
        {
            var valueId = JsonNode.Parse(await (await ccv.SendAsync(HttpMethod.Post, $"/attributes/{size}/attributevalues", $$"""{"name":"{{value}}"}""")).Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
            (await ccv.SendAsync(HttpMethod.Post, $"/products/{id}/productattributevalues", $$"""{"optionvalue":{{valueId}},"price":0}""")).IsSuccessStatusCode.ShouldBeTrue();
        }
        var xl = (await ccv.GetJsonAsync($"/products/{id}/productattributevalues"))["items"]!.AsArray().Single(v => v!["optionvalue_name"]!.GetValue<string>() == "XL")!;

        var patched = await ccv.SendAsync(HttpMethod.Patch, $"/productattributevalues/{xl["id"]}", """{"price":2.5}""");
        ((int)patched.StatusCode).ShouldBe(204, await patched.Content.ReadAsStringAsync());
        var notANumber = await ccv.SendAsync(HttpMethod.Patch, $"/productattributevalues/{xl["id"]}", """{"price":"2.5"}""");
        ((int)notANumber.StatusCode).ShouldBe(400);

        var combinations = (await ccv.GetJsonAsync($"/products/{id}/attributecombinations"))["items"]!.AsArray();
        combinations.Select(c => (c!["combination"]![0]!["attribute_value"]!["name"]!.GetValue<string>(), c["netto_extra_price"]!.GetValue<decimal>()))
            .ShouldBe([("M", 0m), ("XL", 2.5m)]);
        (await ccv.GetJsonAsync($"/productattributevalues/{xl["id"]}"))["price"]!.GetValue<decimal>().ShouldBe(2.5m);
    }

    private long CategoryId(string name) =>
        Host.CcvShop.Store["categories"].Values.Single(c => c["name"]!.GetValue<string>() == name)["id"]!.GetValue<long>();
}
