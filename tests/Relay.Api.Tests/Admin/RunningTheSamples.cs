using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Orders;

namespace Relay.Api.Tests.Admin;

/// <summary>
/// Every request of every file in http-samples runs against the test host (its simulators standing in for
/// the sandbox), in file order, and gets the status the file says: the samples stay true.
/// </summary>
[Collection(RelayCollection.Name)]
public sealed class RunningTheSamples(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static string SamplesFolder() => RepositoryFiles.PathOf("http-samples");

    public static TheoryData<string> Files()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SamplesFolder(), "*.http").Order()) files.Add(Path.GetFileName(file));
        return files;
    }

    [Fact]
    public void Every_admin_route_has_a_sample()
    {
        var text = string.Join('\n', Directory.GetFiles(SamplesFolder(), "*.http").Select(File.ReadAllText));
        string[] routes =
        [
            "POST {{host}}/api/tenants", "GET {{host}}/api/tenants", "/keys", "DELETE {{host}}/api/tenants/", "PATCH {{host}}/api/connections/",
            "DELETE {{host}}/api/connections/", "/accountview/authorize", "/accountview/callback", "/webhooks/register", "/lookups/accountview/",
            "/lookups/ccvshop/", "/settings/history", "/restore", "PUT {{host}}/api/connections/{{connection}}/settings", "/enabled", "/mappings/preview",
            "PUT {{host}}/api/connections/{{connection}}/mappings", "dryRun=true", "/flows/stock/status", "/flows/stock/poll", "/stats", "/reconcile", "/verify",
            "/flows/products", "/flows/customers", "/products/import", "/customers/import", "/imports/", "/products/status",
            "/flows/orderStatus", "/flows/ordersFromAccountView",
                "POST {{host}}/api/connections/{{connection}}/salesorders/poll",
            "GET {{host}}/api/connections/{{connection}}/salesorders/poll",
        ];
        foreach (var route in routes) text.ShouldContain(route, Case.Sensitive, route);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_sample_gets_the_answer_it_promises(string fileName)
    {
        // The sandbox connection, as `dotnet run` makes it, linked to the test's simulators.
        var sandbox = await relay.ConnectSimulatorsAsync(new OrderFlowSettings(), id: "sandbox");
        var file = HttpSampleFile.Parse(await File.ReadAllTextAsync(Path.Combine(SamplesFolder(), fileName)));
        file.Variables["host"] = "http://relay.test";
        file.Variables["apiKey"] = RelayFixture.AdminKey;
        file.Variables["sandbox"] = relay.Simulators.BaseUrl;
        file.Variables["sandboxWebhookAddress"] = sandbox.WebhookAddress;
        using var client = new HttpClient(new RoutingHandler(relay)) { Timeout = TimeSpan.FromSeconds(60) };
        var answers = new Dictionary<string, JsonNode?>();
        file.Requests.ShouldNotBeEmpty();

        foreach (var sample in file.Requests)
        {
            using var request = new HttpRequestMessage(new HttpMethod(sample.Method), file.Fill(sample.Url, answers));
            if (sample.Body is not null) request.Content = new StringContent(file.Fill(sample.Body, answers), Encoding.UTF8, "application/json");
            foreach (var (name, value) in sample.Headers.Where(h => !h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
                request.Headers.TryAddWithoutValidation(name, file.Fill(value, answers));
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();

            var status = (int)response.StatusCode;
            var expected = sample.Expect is { } e ? status == e : status is >= 200 and < 300;
            expected.ShouldBeTrue($"{fileName} \"{sample.Title}\": {sample.Method} {request.RequestUri} answered {status}, expected {sample.Expect?.ToString() ?? "2xx"}: {text}");
            if (sample.Name is not null) answers[sample.Name] = text.Length > 0 && text[0] is '{' or '[' ? JsonNode.Parse(text) : null;
        }
    }

    /// <summary>relay.test is the in-memory Relay; everything else (the simulators) is a real loopback server. Redirects are followed across both.</summary>
    private sealed class RoutingHandler(RelayFixture relay) : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        private readonly HttpMessageInvoker _relay = new(relay.Host.Server.CreateHandler());

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            for (var hop = 0; ; hop++)
            {
                var response = request.RequestUri!.Host == "relay.test" ? await _relay.SendAsync(request, ct) : await base.SendAsync(request, ct);
                if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther) || hop == 3) return response;
                request = new HttpRequestMessage(HttpMethod.Get, new Uri(request.RequestUri, response.Headers.Location!));
                response.Dispose();
            }
        }
    }
}
