using Alba;
using Relay.Api.Tests.Infrastructure;

namespace Relay.Api.Tests.Admin;

[Collection(RelayCollection.Name)]
public sealed class RequiringAnApiKey(RelayFixture relay)
{
    public static TheoryData<string, string, string?> Routes => new()
    {
        { "GET", "/api/connections", null },
        { "GET", "/api/connections/shop-1", null },
        { "POST", "/api/connections/shop-1/verify", "body" },
        { "POST", "/api/connections/shop-1/reconcile", "body" },
        { "POST", "/api/work-items/ccv:shop-1:order:1/replay", "body" },
        { "POST", "/api/work-items/replay", "body" },
        { "POST", "/api/connections", "body" },
        { "GET", "/api/work-items", null },
        { "GET", "/api/work-items/ccv:shop-1:order:1", null },
        { "GET", "/api/work-items/ccv:shop-1:order:1/events", null },
        { "GET", "/api/connections", "wrong-key" },
        { "GET", "/api/tenants", null },
        { "POST", "/api/tenants", "body" },
        { "GET", "/api/connections/shop-1/settings", null },
        { "GET", "/api/connections/shop-1/settings/history", null },
        { "GET", "/api/connections/shop-1/mappings", null },
        { "POST", "/api/connections/shop-1/mappings/preview", "body" },
        { "POST", "/api/connections/shop-1/accountview/authorize", "body" },
        { "POST", "/api/connections/shop-1/webhooks/register", "body" },
        { "GET", "/api/connections/shop-1/lookups/ccvshop/orderStatuses", null },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Admin_route_without_a_valid_key_is_401_problem(string method, string url, string? bodyOrKey)
    {
        await relay.Host.Scenario(s =>
        {
            if (method == "POST") s.Post.Json(new { name = "x" }).ToUrl(url);
            else s.Get.Url(url);
            if (bodyOrKey == "wrong-key") s.WithRequestHeader("X-Api-Key", "wrong-key");
            s.StatusCodeShouldBe(401);
            s.ContentTypeShouldBe("application/problem+json");
        });
    }
}
