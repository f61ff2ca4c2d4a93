using System.Net;
using System.Text.Json.Nodes;
using Relay.Simulators.CcvShop;

namespace Relay.Simulators.Tests.CcvShop;

public sealed class CcvShopSigningTests : SimulatorTest
{
    [Theory]
    [InlineData("GET", "/api/rest/v1/orders?start=0&size=2&orderby=create_date_desc", "", "2024-01-01T12:00:00+00:00",
        "ebd7cbad666b03b73d8c93b14d2af394edd0656075660a36988e279ae0bc031973447d8f5af7d3ca35dc99020e2d5dcf9fb763bf7448a1f2ef1353fad20bd30d")]
    [InlineData("PATCH", "/api/rest/v1/products/123456", """{"stock":7}""", "2024-01-01T12:00:00Z",
        "951c7eb88354e17060a0cd1caec1a61f181f217b28d8816e51af2edcb7cf549c430b04a160bbaddb49ca46ec14299d7b714ddac40252f38996b2047d902d3f13")]
    public void Reference_test_vectors_hold(string method, string uri, string body, string date, string expected) =>
        CcvSigning.Hash("demo-secret", "demo-public", method, uri, body, date).ShouldBe(expected);

    [Fact]
    public async Task Signed_request_gets_a_signed_answer()
    {
        using var ccv = new SignedCcvRequests(Host.CcvShopUrl, Clock);

        var response = await ccv.SendAsync(HttpMethod.Get, "/orders?start=0&size=2");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        var date = response.Headers.GetValues("x-date").Single();
        response.Headers.GetValues("x-hash").Single()
            .ShouldBe(CcvSigning.Hash("sandbox-secret", "sandbox-public", "GET", ccv.ApiPath("/orders?start=0&size=2"), body, date));
    }

    [Theory]
    [InlineData("2026-03-01T09:00:30+00:00")]
    [InlineData("2026-03-01T09:00:30+0000")]
    [InlineData("2026-03-01T09:00:30Z")]
    [InlineData("2026-03-01T09:00:30.123Z")]
    [InlineData("2026-3-1T9:0:30Z")]
    public async Task Every_date_format_of_working_clients_is_accepted(string date)
    {
        using var ccv = new SignedCcvRequests(Host.CcvShopUrl, Clock);

        var response = await ccv.SendAsync(HttpMethod.Get, "/paymethods", date: date);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public static TheoryData<string, Action<HttpRequestMessage>?, string?, string> Refusals => new()
    {
        { "no hash", r => r.Headers.Remove("x-hash"), null, "401.10" },
        { "unknown public key", r => { r.Headers.Remove("x-public"); r.Headers.Add("x-public", "someone"); }, null, "401.11" },
        { "unreadable date", null, "yesterday", "401.12" },
        { "six minutes late", null, "2026-03-01T08:54:29Z", "401.13" },
        { "hash of another path", r => r.RequestUri = new Uri(r.RequestUri!.ToString().Replace("size=2", "size=3")), null, "401.14" },
        { "hash upper case is fine but wrong", r => { r.Headers.Remove("x-hash"); r.Headers.Add("x-hash", new string('A', 128)); }, null, "401.14" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Badly_signed_requests_are_refused_in_the_error_shape(string name, Action<HttpRequestMessage>? tamper, string? date, string code)
    {
        using var ccv = new SignedCcvRequests(Host.CcvShopUrl, Clock);

        var response = await ccv.SendAsync(HttpMethod.Get, "/orders?start=0&size=2", date: date, tamper: tamper);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, name);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        error["code"]!.GetValue<string>().ShouldBe(code);
        error["status"]!.GetValue<int>().ShouldBe(401);
        error["developermessage"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Body_is_part_of_the_signature()
    {
        using var ccv = new SignedCcvRequests(Host.CcvShopUrl, Clock);
        var product = (await ccv.GetJsonAsync("/products?size=1"))["items"]![0]!["id"]!.GetValue<long>();

        var response = await ccv.SendAsync(HttpMethod.Patch, $"/products/{product}", """{"stock":7}""",
            tamper: r => r.Content = new StringContent("""{"stock":8}""", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
