using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Relay.Simulators.Tests.AccountView;

/// <summary>Bare calls to the AccountView simulator for conformance tests (accountview-api.md §1, §2).</summary>
public sealed class AccountViewCalls(string baseUrl) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });

    public string? AccessToken { get; set; }
    public string Company { get; set; } = "sandbox-company";

    public async Task<(HttpResponseMessage Response, JsonNode? Body)> TokenAsync(params (string Key, string Value)[] form)
    {
        var response = await _http.PostAsync($"{baseUrl}/api/v3/token", new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Key, f.Value))));
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>Authorises through the consent redirect and the code exchange; keeps the access token.</summary>
    public async Task<JsonNode> AuthoriseAsync(string scope = "readaccountviewdata updateaccountviewdata")
    {
        const string redirect = "https://relay.example/callback";
        var consent = await _http.GetAsync($"{baseUrl}/ams/authorize.aspx?response_type=code&client_id=sandbox-client&redirect_uri={Uri.EscapeDataString(redirect)}&scope={Uri.EscapeDataString(scope)}&state=xyz");
        var location = consent.Headers.Location!.ToString();
        location.ShouldStartWith(redirect);
        location.ShouldContain("state=xyz");
        var code = Uri.UnescapeDataString(location.Split("code=")[1].Split('&')[0]);
        var (_, body) = await TokenAsync(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirect),
            ("client_id", "sandbox-client"), ("client_secret", "sandbox-client-secret"));
        AccessToken = body!["access_token"]!.GetValue<string>();
        return body;
    }

    public async Task<(HttpResponseMessage Response, JsonNode? Body)> SendAsync(HttpMethod method, string pathAndQuery, string? body = null, bool withCompany = true)
    {
        var request = new HttpRequestMessage(method, $"{baseUrl}/api/v3/{pathAndQuery}");
        if (AccessToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        if (withCompany) request.Headers.Add("x-company", Company);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async Task<JsonObject> ReadAsync(string query)
    {
        var (response, body) = await SendAsync(HttpMethod.Get, $"accountviewdata?{query}");
        response.IsSuccessStatusCode.ShouldBeTrue(body?.ToJsonString());
        return body!.AsObject();
    }

    public void Dispose() => _http.Dispose();

    /// <summary>An insert envelope (§2.4) from field names and rows of values.</summary>
    public static string Envelope(string bo, string table, string[] fields, object?[][] rows, string? detailTable = null,
        string[]? detailFields = null, object?[][]? detailRows = null, bool lowerCase = false, string? id = null)
    {
        string Name(string n) => lowerCase ? n.ToLowerInvariant() : n;
        JsonObject Definition(string name, string[] f) => new()
        {
            ["Name"] = name,
            ["Fields"] = new JsonArray(f.Select(x => (JsonNode)new JsonObject { [Name("Name")] = x, ["FieldType"] = x is "ORD_QTY" or "ART_PX" or "AMOUNT" ? "N" : "C" }).ToArray()),
        };
        JsonObject Rows(object?[][] r) => new()
        {
            ["Rows"] = new JsonArray(r.Select(v => (JsonNode)new JsonObject { [Name("Values")] = new JsonArray(v.Select(x => JsonValue.Create(x)).ToArray<JsonNode?>()) }).ToArray()),
        };
        var envelope = new JsonObject
        {
            ["BookDate"] = "2026-03-01T09:00:00.000Z",
            ["BusinessObject"] = bo,
            ["Table"] = new JsonObject { ["Definition"] = Definition(table, fields) },
            ["TableData"] = new JsonObject { ["Data"] = Rows(rows) },
        };
        if (id is not null) envelope["id"] = id;
        if (detailTable is not null)
        {
            envelope["Table"]!["DetailDefinitions"] = new JsonArray(Definition(detailTable, detailFields!));
            envelope["TableData"]!["DetailData"] = new JsonArray(Rows(detailRows!));
        }
        return envelope.ToJsonString();
    }
}
