using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Alba;
using Marten;
using Relay.Api.Tests.Infrastructure;

namespace Relay.Api.Tests.Admin;

/// <summary>
/// Every operation of the OpenAPI document, sent what a careless or hostile script sends: malformed bodies, evil path
/// values and query strings. Never a 5xx, always problem+json for a refusal, and a refusal changes nothing.
/// (Kestrel's own refusals before routing, such as a NUL byte in the path, do not pass through the test server.)
/// </summary>
[Collection(RelayCollection.Name)]
public sealed class FuzzingEveryOperation(RelayFixture relay) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await relay.ResetAsync();
        await relay.ConnectSimulatorsAsync(new Domain.Orders.OrderFlowSettings { Enabled = false });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly string Deep = string.Concat(Enumerable.Repeat("{\"a\":", 300)) + "1" + new string('}', 300);

    private static readonly string[] Bodies =
    [
        "", "not json", "null", "123", "\"text\"", "[{}, 1]", "{\"unknownMember\": 1}", "{\"id\": {\"nested\": [1, 2]}}", Deep,
        $"{{\"name\": \"{new string('x', 200_000)}\"}}", "{\"enabled\": 12345}", "{\"enabled\": null}", "[{\"target\": 5}]",
        "{\"enabled\": false, \"enabled\": true}", "[null]", "{\"enabled\": false, \"vatCodes\": [null]}",
        "{\"orders\": {\"enabled\": false}}", "{\"orders\": {\"enabled\": false}, \"mappings\": [null]}",
    ];

    private static readonly string[] EvilValues =
        ["%2e%2e%2f%2e%2e%2fetc%2fpasswd", "x'%3B drop table relay.mt_events%3B--", "%FF%FE", new string('a', 3000), "%7B%7D", "-1"];

    private static readonly string[] EvilQueries =
        ["?dryRun=maybe", "?checkCodes=%00", "?page=-1&pageSize=99999999", "?status=12345", "?from=yesterday", "?q=" + new string('q', 10_000)];

    [Fact]
    public async Task No_operation_answers_a_5xx_or_a_refusal_without_problem_json_or_changes_anything_when_it_refuses()
    {
        var operations = await OperationsAsync();
        var failures = new List<string>();
        foreach (var (method, template, hasBody, required) in operations)
        {
            // An optional body may be left out (empty, or null); anything else malformed must be refused.
            foreach (var body in hasBody ? Bodies : [""])
                await SendAsync(method, Fill(template, _ => "shop-1"), body, failures, mustRefuse: hasBody && (required || body is not ("" or "null")));
            foreach (var evil in EvilValues)
                await SendAsync(method, Fill(template, _ => evil), hasBody ? "{}" : "", failures);
            foreach (var query in EvilQueries)
                await SendAsync(method, Fill(template, _ => "shop-1") + query, hasBody ? "{\"unknownMember\": 1}" : "", failures, mustRefuse: hasBody);
        }
        operations.Count.ShouldBeGreaterThan(45);
        failures.ShouldBeEmpty(string.Join("\n", failures.Take(20)));
        // The fuzzing reached the handlers: most of it refused, by 400 (bodies) and 404 (no such connection or item).
        _statuses.Count.ShouldBeGreaterThan(700);
        _statuses.Count(s => s == 400).ShouldBeGreaterThan(_statuses.Count / 3, string.Join(", ", _statuses.GroupBy(s => s).Select(g => $"{g.Key}: {g.Count()}")));
        _statuses.ShouldContain(404);
    }

    private readonly List<int> _statuses = [];

    private static string Fill(string template, Func<string, string> value) =>
        System.Text.RegularExpressions.Regex.Replace(template, "\\{(?<name>[^}]+)\\}", m => value(m.Groups["name"].Value));

    /// <param name="mustRefuse">The body is malformed for every route that takes one: any 2xx accepted garbage.</param>
    private async Task SendAsync(string method, string url, string body, List<string> failures, bool mustRefuse = false)
    {
        var before = await StateAsync();
        using var client = relay.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.Add("X-Api-Key", RelayFixture.AdminKey);
        if (method is not ("GET" or "DELETE"))
            request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        _statuses.Add(status);
        var what = $"{method} {url[..Math.Min(url.Length, 120)]} with {body[..Math.Min(body.Length, 40)]}: {status}";
        if (status >= 500) failures.Add($"{what} {await response.Content.ReadAsStringAsync()}");
        else if (mustRefuse && status < 400) failures.Add($"{what}: a malformed body was accepted");
        else if (status >= 400)
        {
            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") failures.Add($"{what} is not problem+json");
            if (await StateAsync() != before) failures.Add($"{what} refused, yet changed what is stored");
        }
    }

    /// <summary>What is stored: every event, document and version, as one fingerprint.</summary>
    private async Task<string> StateAsync()
    {
        await using var session = relay.Store.QuerySession();
        var counts = await session.AdvancedSql.QueryAsync<string>(
            """
            select (select count(*) from relay.mt_events)::text || '/' ||
                   coalesce((select md5(string_agg(id || mt_version::text, ',' order by id)) from relay.mt_doc_connectiondocument), '') || '/' ||
                   (select count(*) from relay.mt_doc_tenantdocument)::text || '/' || (select count(*) from relay.mt_doc_apikeydocument)::text
            """, CancellationToken.None);
        return counts.Single();
    }

    private async Task<List<(string Method, string Path, bool HasBody, bool BodyRequired)>> OperationsAsync()
    {
        var result = await relay.Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json"));
        var document = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        return document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (o.Name.ToUpperInvariant(), p.Name, o.Value.TryGetProperty("requestBody", out var body),
                body.ValueKind == JsonValueKind.Object && body.TryGetProperty("required", out var required) && required.GetBoolean())))
            .ToList();
    }
}
