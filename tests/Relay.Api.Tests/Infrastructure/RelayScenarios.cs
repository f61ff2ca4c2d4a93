using System.Net.Http.Json;
using Alba;
using Relay.Api.Features.Connections;
using Relay.Domain.Orders;

namespace Relay.Api.Tests.Infrastructure;

/// <summary>Builds test state through the API, as a user would.</summary>
public static class RelayScenarios
{
    public static async Task<CreatedConnectionResponse> CreateConnectionAsync(
        this IAlbaHost host, string id = "shop-1", WebhookSignatureRequest? signature = null, string apiKey = RelayFixture.AdminKey)
    {
        var result = await host.Scenario(s =>
        {
            // Loopback addresses only (nothing here may reach the internet), and the order flow off:
            // these tests are about what is stored, not what is sent.
            s.Post.Json(new CreateConnectionRequest(id, $"Shop {id}",
                    new CcvShopCredentialsRequest("http://127.0.0.1:9/shop", "public-key", "ccv-secret-value"),
                    new AccountViewCredentialsRequest("http://127.0.0.1:9/accountview", "client-id", "av-secret-value", "company-1"),
                    signature, new OrderFlowSettings { Enabled = false }))
                .ToUrl("/api/connections");
            s.WithRequestHeader("X-Api-Key", apiKey);
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<CreatedConnectionResponse>())!;
    }

    /// <summary>The path part of a connection's webhook address, for one event.</summary>
    public static string WebhookPath(this CreatedConnectionResponse connection, string @event) =>
        new Uri(connection.WebhookAddress).AbsolutePath + "/" + @event;

    public static async Task<HttpResponseMessage> PostWebhookAsync(this IAlbaHost host, string path, string body)
    {
        using var client = host.Server.CreateClient();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        return await client.PostAsync(path, content);
    }

    public static async Task<T> GetAdminAsync<T>(this IAlbaHost host, string url)
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBeOk();
        });
        return (await result.ReadAsJsonAsync<T>())!;
    }

    public static string OrderDelivery(long id, string triggeredAt = "2026-03-01T08:59:00Z", string extra = "") =>
        $$"""{"triggered_at":"{{triggeredAt}}","href":"https://shop.example.nl/api/rest/v1/orders/{{id}}","id":{{id}},"order_number":1042,"ordernumber_prefix":"WEB","ordernumber_full":"WEB-1042","total_price":64.8,"customer_email":"jan@example.nl","customer_mobile":"0612345678"{{extra}}}""";
}
