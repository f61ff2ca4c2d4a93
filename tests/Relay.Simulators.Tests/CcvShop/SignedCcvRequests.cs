using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Relay.Simulators.CcvShop;

namespace Relay.Simulators.Tests.CcvShop;

/// <summary>A bare signed HTTP caller for conformance tests, built on the reference formula (§1.1).</summary>
public sealed class SignedCcvRequests(string shopUrl, TimeProvider clock, string publicKey = "sandbox-public", string secret = "sandbox-secret") : IDisposable
{
    private readonly HttpClient _http = new();

    public string ApiPath(string relative) => new Uri(shopUrl).AbsolutePath.TrimEnd('/') + "/api/rest/v1" + relative;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, string? body = null,
        string? date = null, Action<HttpRequestMessage>? tamper = null)
    {
        var path = relative.StartsWith("http", StringComparison.Ordinal) ? new Uri(relative).PathAndQuery : ApiPath(relative);
        var xDate = date ?? CcvSigning.FormatDate(clock.GetUtcNow());
        var request = new HttpRequestMessage(method, new Uri(new Uri(shopUrl), path));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        request.Headers.Add("x-public", publicKey);
        request.Headers.Add("x-date", xDate);
        request.Headers.Add("x-hash", CcvSigning.Hash(secret, publicKey, method.Method, path, body ?? "", xDate));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        tamper?.Invoke(request);
        return await _http.SendAsync(request);
    }

    public async Task<JsonObject> GetJsonAsync(string relative)
    {
        var response = await SendAsync(HttpMethod.Get, relative);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public void Dispose() => _http.Dispose();
}
