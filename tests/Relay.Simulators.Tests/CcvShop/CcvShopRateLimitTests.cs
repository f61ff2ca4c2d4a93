using System.Net;
using System.Text.Json.Nodes;
using Relay.Simulators.CcvShop;

namespace Relay.Simulators.Tests.CcvShop;

public sealed class CcvShopRateLimitTests : SimulatorTest
{
    protected override CcvShopOptions CcvOptions => new() { SeedProducts = 20, ReadsPerMinute = 5, WritesPerMinute = 3, ProductQueriesPerMinute = 2 };

    [Fact]
    public async Task Reads_past_the_limit_get_429_until_the_next_minute()
    {
        using var ccv = new SignedCcvRequests(Host.CcvShopUrl, Clock);
        for (var i = 0; i < 5; i++) (await ccv.SendAsync(HttpMethod.Get, "/orders")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var refused = await ccv.SendAsync(HttpMethod.Get, "/orders");
        var otherEndpoint = await ccv.SendAsync(HttpMethod.Get, "/paymethods");
        Clock.Advance(TimeSpan.FromSeconds(30)); // 09:00:30 → 09:01:00, the next window
        var later = await ccv.SendAsync(HttpMethod.Get, "/orders");

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["code"]!.GetValue<string>().ShouldBe("429.10");
        otherEndpoint.StatusCode.ShouldBe(HttpStatusCode.OK);
        later.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Writes_and_product_queries_have_their_own_limits_per_endpoint()
    {
        using var ccv = new SignedCcvRequests(Host.CcvShopUrl, Clock);
        var ids = (await ccv.GetJsonAsync("/products?size=5"))["items"]!.AsArray().Select(p => p!["id"]!.GetValue<long>()).ToList();

        // Different ids, one endpoint: /products/{id} PATCH shares one counter.
        var statuses = new List<HttpStatusCode>();
        foreach (var id in ids.Take(4)) statuses.Add((await ccv.SendAsync(HttpMethod.Patch, $"/products/{id}", """{"stock":1}""")).StatusCode);
        var queries = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) queries.Add((await ccv.SendAsync(HttpMethod.Get, "/productqueries?productnumber=ART-00001")).StatusCode);

        statuses.ShouldBe([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.TooManyRequests]);
        queries.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
    }
}

public sealed class CcvShopTotalLimitTests : SimulatorTest
{
    protected override CcvShopOptions CcvOptions => new() { SeedProducts = 5, TotalPerMinute = 3 };

    [Fact]
    public async Task The_total_limit_answers_429_11()
    {
        using var ccv = new SignedCcvRequests(Host.CcvShopUrl, Clock);
        foreach (var path in new[] { "/orders", "/products", "/paymethods" }) (await ccv.SendAsync(HttpMethod.Get, path)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var refused = await ccv.SendAsync(HttpMethod.Get, "/categories");

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["code"]!.GetValue<string>().ShouldBe("429.11");
    }
}
