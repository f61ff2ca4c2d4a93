using System.Net;
using System.Text.Json;
using Marten;
using Relay.Api.Tests.Infrastructure;

namespace Relay.Api.Tests.Webhooks;

[Collection(RelayCollection.Name)]
public sealed class RefusingBadDeliveries(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string, string, HttpStatusCode, string> Cases => new()
    {
        // name, path template ({conn}, {secret}), body, status, field or title the problem names
        { "wrong secret", "/webhooks/ccvshop/{conn}/0000/orders.created", """{"id":1}""", HttpStatusCode.NotFound, "Not found" },
        { "unknown connection", "/webhooks/ccvshop/nope/{secret}/orders.created", """{"id":1}""", HttpStatusCode.NotFound, "Not found" },
        { "bad json", "/webhooks/ccvshop/{conn}/{secret}/orders.created", """{"id":1""", HttpStatusCode.BadRequest, "body" },
        { "not an object", "/webhooks/ccvshop/{conn}/{secret}/orders.created", """[1]""", HttpStatusCode.BadRequest, "body" },
        { "no id", "/webhooks/ccvshop/{conn}/{secret}/orders.created", """{"href":"x"}""", HttpStatusCode.BadRequest, "id" },
        { "id with a colon", "/webhooks/ccvshop/{conn}/{secret}/orders.created", """{"id":"a:b"}""", HttpStatusCode.BadRequest, "id" },
        { "negative id", "/webhooks/ccvshop/{conn}/{secret}/orders.created", """{"id":-4}""", HttpStatusCode.BadRequest, "id" },
        { "unknown event", "/webhooks/ccvshop/{conn}/{secret}/orders.exploded", """{"id":1}""", HttpStatusCode.BadRequest, "event" },
        { "100 KiB body", "/webhooks/ccvshop/{conn}/{secret}/orders.created", $$"""{"id":1,"pad":"{{new string('x', 100 * 1024)}}"}""", HttpStatusCode.RequestEntityTooLarge, "Body too large" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_delivery_gets_a_problem_and_stores_nothing(string name, string template, string body, HttpStatusCode status, string named)
    {
        var connection = await relay.Host.CreateConnectionAsync();
        var secret = connection.WebhookAddress.Split('/').Last();
        var path = template.Replace("{conn}", connection.Connection.Id).Replace("{secret}", secret);

        var response = await relay.Host.PostWebhookAsync(path, body);

        response.StatusCode.ShouldBe(status, name);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var named_ = problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Single().Name : problem.GetProperty("title").GetString();
        named_.ShouldBe(named);
        await using var session = relay.Store.QuerySession();
        (await session.AdvancedSql.QueryAsync<int>("select count(*)::int from relay.mt_events where stream_id like 'ccv:%'", CancellationToken.None)).Single().ShouldBe(0);
    }
}
