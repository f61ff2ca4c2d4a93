using Alba;
using Relay.Api.Features.Tenants;

namespace Relay.Api.Tests.Infrastructure;

/// <summary>Tenants and their keys, made through the API with the bootstrap key, as an operator would.</summary>
public static class TenantScenarios
{
    public static async Task<string> CreateTenantWithKeyAsync(this IAlbaHost host, string tenantId)
    {
        await host.Scenario(s =>
        {
            s.Post.Json(new CreateTenantRequest(tenantId, $"Tenant {tenantId}")).ToUrl("/api/tenants");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(201);
        });
        return (await host.CreateKeyAsync(tenantId, RelayFixture.AdminKey)).Key;
    }

    public static async Task<CreatedApiKeyResponse> CreateKeyAsync(this IAlbaHost host, string tenantId, string withKey)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(new CreateApiKeyRequest("scripts")).ToUrl($"/api/tenants/{tenantId}/keys");
            s.WithRequestHeader("X-Api-Key", withKey);
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<CreatedApiKeyResponse>())!;
    }

    public static Task<IScenarioResult> CallAsync(this IAlbaHost host, string method, string url, string key, int status, object? body = null) =>
        host.Scenario(s =>
        {
            // Alba takes the path and the query apart.
            var path = url.Split('?')[0];
            var send = method switch
            {
                "GET" => s.Get.Url(path),
                "DELETE" => s.Delete.Url(path),
                "PUT" => s.Put.Json(body ?? new { }).ToUrl(path),
                "PATCH" => s.Patch.Json(body ?? new { }).ToUrl(path),
                _ => s.Post.Json(body ?? new { }).ToUrl(path),
            };
            foreach (var pair in url.Contains('?') ? url.Split('?')[1].Split('&') : [])
                send.QueryString(pair.Split('=')[0], Uri.UnescapeDataString(pair.Split('=')[1]));
            s.WithRequestHeader("X-Api-Key", key);
            s.StatusCodeShouldBe(status);
        });
}
