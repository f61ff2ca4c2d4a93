using System.Text.Json;
using Alba;
using Relay.Api.Tests.Infrastructure;

namespace Relay.Api.Tests.Admin;

/// <summary>The OpenAPI contract: every route is named, summarised and declares its problem answers.</summary>
[Collection(RelayCollection.Name)]
public sealed class DescribingTheApi(RelayFixture relay)
{
    private static readonly string[] ExpectedRoutes =
    [
        "GET /api/connections", "POST /api/connections", "GET /api/connections/{id}", "POST /api/connections/{id}/verify",
        "PUT /api/connections/{id}/flows/orders", "POST /api/connections/{id}/reconcile", "GET /api/connections/{id}/stats",
        "PUT /api/connections/{id}/flows/stock", "GET /api/connections/{id}/flows/stock/status", "POST /api/connections/{id}/flows/stock/poll",
        "POST /api/work-items/{key}/replay", "POST /api/work-items/replay",
        "GET /api/work-items", "GET /api/work-items/{key}", "GET /api/work-items/{key}/events",
        "POST /webhooks/ccvshop/{connectionId}/{secret}/{event}", "GET /health/live", "GET /health/ready",
        "PATCH /api/connections/{id}", "DELETE /api/connections/{id}",
        "POST /api/tenants", "GET /api/tenants", "GET /api/tenants/{tenantId}",
        "POST /api/tenants/{tenantId}/keys", "GET /api/tenants/{tenantId}/keys", "DELETE /api/tenants/{tenantId}/keys/{keyId}",
        "GET /api/connections/{id}/settings", "PUT /api/connections/{id}/settings", "PUT /api/connections/{id}/flows/{flow}/enabled",
        "GET /api/connections/{id}/settings/history", "POST /api/connections/{id}/settings/history/{version}/restore",
        "GET /api/connections/{id}/mappings", "PUT /api/connections/{id}/mappings", "POST /api/connections/{id}/mappings/preview",
        "POST /api/connections/{id}/accountview/authorize", "GET /accountview/callback",
        "GET /api/connections/{id}/webhooks", "POST /api/connections/{id}/webhooks/register",
        "GET /api/connections/{id}/lookups/accountview/{list}", "GET /api/connections/{id}/lookups/ccvshop/{list}",
        "PUT /api/connections/{id}/flows/products", "PUT /api/connections/{id}/flows/customers",
        "POST /api/connections/{id}/products/import", "POST /api/connections/{id}/customers/import",
        "GET /api/connections/{id}/imports/{importId}", "GET /api/connections/{id}/products/status",
        "GET /api/connections/{id}/accountview/fields", "POST /api/connections/{id}/accountview/fields/refresh",
        "GET /api/connections/{id}/alerts", "GET /api/connections/{id}/alerts/settings",
        "PUT /api/connections/{id}/alerts/settings", "DELETE /api/connections/{id}/alerts/settings",
        "POST /api/connections/{id}/alerts/test",
        "GET /api/tenants/{tenantId}/alerts/settings", "PUT /api/tenants/{tenantId}/alerts/settings",
        "GET /api/connections/{id}/personal-data", "DELETE /api/connections/{id}/personal-data",
        "PUT /api/connections/{id}/retention", "POST /api/connections/{id}/retention/run",
        "GET /api/connections/{id}/retention/runs",
        "PUT /api/connections/{id}/flows/orderStatus", "PUT /api/connections/{id}/flows/ordersFromAccountView",
        "GET /api/connections/{id}/salesorders/poll", "POST /api/connections/{id}/salesorders/poll",
    ];

    [Fact]
    public async Task Every_route_is_in_the_document_with_name_summary_and_problem_answers()
    {
        var operations = await OperationsAsync();

        operations.Keys.ShouldBe(ExpectedRoutes, ignoreOrder: true);
        foreach (var (route, operation) in operations)
        {
            operation.TryGetProperty("operationId", out _).ShouldBeTrue(route);
            operation.TryGetProperty("summary", out _).ShouldBeTrue(route);
            var statuses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            if (route.Contains("/api/")) statuses.ShouldContain("401", route);
            foreach (var problem in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
                problem.Value.GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue($"{route} {problem.Name}");
        }
        operations["GET /api/connections/{id}"].GetProperty("responses").TryGetProperty("404", out _).ShouldBeTrue();
        operations["POST /webhooks/ccvshop/{connectionId}/{secret}/{event}"].GetProperty("responses").EnumerateObject()
            .Select(r => r.Name).ShouldBe(["200", "202", "400", "401", "404", "413", "503"], ignoreOrder: true);
    }

    [Fact]
    public async Task Every_request_body_has_an_example()
    {
        var result = await relay.Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json"));
        var document = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var bodies = 0;
        foreach (var (route, operation) in await OperationsAsync())
        {
            if (!operation.TryGetProperty("requestBody", out var body) || route.StartsWith("POST /webhooks/", StringComparison.Ordinal)) continue;
            var schema = body.GetProperty("content").GetProperty("application/json").GetProperty("schema");
            if (schema.TryGetProperty("items", out var items)) schema = items;
            var name = schema.GetProperty("$ref").GetString()!.Split('/')[^1];
            var component = schemas.GetProperty(name);
            (component.TryGetProperty("example", out _) || component.TryGetProperty("examples", out _)).ShouldBeTrue($"{route}: {name} has no example");
            bodies++;
        }
        bodies.ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task Swagger_ui_is_served()
    {
        await relay.Host.Scenario(s =>
        {
            s.Get.Url("/swagger/index.html");
            s.StatusCodeShouldBeOk();
        });
    }

    private async Task<Dictionary<string, JsonElement>> OperationsAsync()
    {
        var result = await relay.Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json"));
        var document = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        return document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (key: $"{op.Name.ToUpperInvariant()} {path.Name}", op.Value)))
            .ToDictionary(x => x.key, x => x.Value);
    }
}
