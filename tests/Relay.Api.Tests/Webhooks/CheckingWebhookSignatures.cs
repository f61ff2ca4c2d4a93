using System.Net;
using System.Security.Cryptography;
using System.Text;
using Relay.Api.Features.Connections;
using Relay.Api.Tests.Infrastructure;

namespace Relay.Api.Tests.Webhooks;

[Collection(RelayCollection.Name)]
public sealed class CheckingWebhookSignatures(RelayFixture relay) : IAsyncLifetime
{
    private const string Key = "ccv-webhook-key";

    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(WebhookSignatureScheme.HmacSha512Body, true, HttpStatusCode.Accepted)]
    [InlineData(WebhookSignatureScheme.HmacSha512Body, false, HttpStatusCode.Unauthorized)]
    [InlineData(WebhookSignatureScheme.HmacSha512AddressAndBody, true, HttpStatusCode.Accepted)]
    [InlineData(WebhookSignatureScheme.HmacSha512AddressAndBody, false, HttpStatusCode.Unauthorized)]
    public async Task Signed_connections_accept_only_correctly_signed_deliveries(WebhookSignatureScheme scheme, bool rightKey, HttpStatusCode expected)
    {
        var connection = await relay.Host.CreateConnectionAsync(signature: new WebhookSignatureRequest(scheme, "x-hash", Key));
        var path = connection.WebhookPath("orders.created");
        var body = RelayScenarios.OrderDelivery(5);
        var message = scheme == WebhookSignatureScheme.HmacSha512Body ? body : $"http://localhost{path}|{body}";
        var signature = Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(rightKey ? Key : "other"), Encoding.UTF8.GetBytes(message)));

        using var client = relay.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-hash", signature);
        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(expected);
    }

    [Fact]
    public async Task Unsigned_delivery_to_a_signed_connection_is_refused()
    {
        var connection = await relay.Host.CreateConnectionAsync(signature: new WebhookSignatureRequest(WebhookSignatureScheme.HmacSha512Body, null, Key));

        var response = await relay.Host.PostWebhookAsync(connection.WebhookPath("orders.created"), RelayScenarios.OrderDelivery(5));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
