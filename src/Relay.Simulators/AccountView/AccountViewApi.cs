using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Relay.Simulators.FaultInjection;

namespace Relay.Simulators.AccountView;

/// <summary>
/// The imitated AccountView.net API: /ams/authorize.aspx, /api/v3/token, /api/v3/companies, /api/v3/accountviewdata
/// and the
/// data dictionary (/api/v3/accountviewsystembusinessobjects, /api/v3/accountviewsystemdata).
/// </summary>
public static class AccountViewApi
{
    public static RouteGroupBuilder MapAccountViewApi(this IEndpointRouteBuilder routes, string prefix = "")
    {
        var root = routes.MapGroup(prefix).ExcludeFromDescription();
        root.MapGet("/ams/authorize.aspx", Authorize);
        var api = root.MapGroup("/api/v3").AddEndpointFilter(Guard);
        api.MapPost("/token", (Delegate)TokenAsync);
        api.MapGet("/companies", (HttpContext http) => WithToken(http, requireCompany: false, (sim, _, _) =>
            AccountViewResults.Json(200, new JsonArray(sim.Options.Companies.Select(c => (JsonNode)new JsonObject
                { ["Id"] = c.Id, ["Description"] = c.Description, ["Code"] = c.Code }).ToArray()))));
        api.MapGet("/accountviewdata", (HttpContext http) =>
            WithToken(http, requireCompany: true, (sim, company, _) => Read(http, sim, company!)));
        api.MapPost("/accountviewdata", (HttpContext http) =>
            WithToken(http, requireCompany: true, (sim, company, scope) =>
                Write(http, sim, company!, scope, insert: true)));
        api.MapPut("/accountviewdata", (HttpContext http) =>
            WithToken(http, requireCompany: true, (sim, company, scope) =>
                Write(http, sim, company!, scope, insert: false)));
        api.MapGet("/accountviewsystembusinessobjects", (HttpContext http) =>
            WithToken(http, requireCompany: true, (_, company, _) =>
                AccountViewSystemData.BusinessObjectList(company!)));
        api.MapGet("/accountviewsystemdata", (HttpContext http) =>
            WithToken(http, requireCompany: true, (sim, company, _) =>
                AccountViewSystemData.Read(http, sim, company!)));
        return root;
    }

    public static AccountViewSimulator Simulator(this HttpContext http) => http.RequestServices.GetRequiredService<AccountViewSimulator>();

    /// <summary>A consent screen that consents at once: redirects back with a code (and the state).</summary>
    private static IResult Authorize(HttpContext http, string client_id, string redirect_uri, string? scope, string? state)
    {
        var sim = http.Simulator();
        if (client_id != sim.Options.ClientId) return Results.BadRequest("Unknown client_id.");
        var code = sim.Tokens.IssueCode(redirect_uri, scope ?? AccountViewTokenIssuer.AllScopes);
        var separator = redirect_uri.Contains('?') ? '&' : '?';
        return Results.Redirect($"{redirect_uri}{separator}code={Uri.EscapeDataString(code)}{(state is null ? "" : $"&state={Uri.EscapeDataString(state)}")}");
    }

    private static async Task<IResult> TokenAsync(HttpContext http)
    {
        var sim = http.Simulator();
        if (!http.Request.HasFormContentType) return OAuthError("invalid_request", "The token request is form-encoded.");
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form["client_id"] != sim.Options.ClientId || form["client_secret"] != sim.Options.ClientSecret)
            return OAuthError("invalid_client", "Unknown client_id or wrong client_secret.", 401);
        var answer = form["grant_type"].ToString() switch
        {
            "authorization_code" => sim.Tokens.ExchangeCode(form["code"].ToString(), form["redirect_uri"].Count > 0 ? form["redirect_uri"].ToString() : null),
            "refresh_token" => sim.Tokens.Refresh(form["refresh_token"].ToString()),
            _ => null,
        };
        if (answer is null) return OAuthError("invalid_grant", "The code or refresh token is invalid, used or expired.");
        var body = new JsonObject
        {
            ["access_token"] = answer.AccessToken, ["token_type"] = "bearer", ["refresh_token"] = answer.RefreshToken, ["scope"] = answer.Scope,
        };
        if (sim.Options.IncludeExpiresIn) body["expires_in"] = answer.ExpiresIn;
        return AccountViewResults.Json(200, body);
    }

    private static IResult OAuthError(string error, string description, int status = 400) =>
        AccountViewResults.Json(status, new JsonObject { ["error"] = error, ["error_description"] = description });

    private static IResult WithToken(HttpContext http, bool requireCompany,
        Func<AccountViewSimulator, Company?, string, IResult> handle)
    {
        var sim = http.Simulator();
        var header = http.Request.Headers.Authorization.ToString();
        var scope = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? sim.Tokens.Validate(header[7..].Trim()) : null;
        if (scope is null) return AccountViewResults.Error(401, "Access token missing, invalid or expired.", "AuthenticationError");
        var id = http.Request.Headers["x-company"].ToString();
        if (requireCompany && id.Length == 0)
            return AccountViewResults.Error(sim.Options.ErrorStatus, "Header x-company is required.");
        var company = sim.Options.Companies.FirstOrDefault(c => c.Id == id);
        if (requireCompany && company is null)
            return AccountViewResults.Error(403, $"No access to company {id}.", "AuthorizationError");
        return handle(sim, company, scope);
    }

    /// <summary>Rows of a business object, table-keyed (§2.3); a header object's detail rows come along.</summary>
    private static IResult Read(HttpContext http, AccountViewSimulator sim, Company company)
    {
        var query = new AccountViewQuery(http.Request.Query);
        var bo = BusinessObjects.Find(query["BusinessObject"], company.Profile);
        if (bo is null) return UnknownObject(sim, query["BusinessObject"]);
        if (query.UnknownField(company.Profile, bo.Table) is { } unknown)
            return AccountViewResults.Error(sim.Options.ErrorStatus, unknown);
        lock (sim.Store.Gate)
        {
            var (rows, error) = query.Apply(sim.Store.Table(company.Id, bo.Table), bo.Key,
                sim.Options.DefaultPageSize, sim.Options.MaxPageSize);
            if (rows is null) return AccountViewResults.Error(sim.Options.ErrorStatus, error!);
            if (rows.Count == 0 && sim.Options.EmptyReadIs404) return AccountViewResults.Error(404, "Geen gegevens gevonden.");
            var columns = query.Columns();
            var answer =
                new JsonObject { [bo.Table] = AccountViewResults.Show(rows, bo.Table, columns, company.Profile) };
            if (bo.DetailTable is not null)
            {
                var keys = rows.Select(r => r[bo.Key]?.ToString()).ToHashSet();
                answer[bo.DetailTable] = AccountViewResults.Show(sim.Store.Table(company.Id, bo.DetailTable)
                    .Where(l => keys.Contains(l[bo.Key]?.ToString())), bo.DetailTable, null, company.Profile);
            }
            return AccountViewResults.Json(200, answer);
        }
    }

    public static IResult UnknownObject(AccountViewSimulator sim, string? code) =>
        AccountViewResults.Error(sim.Options.ErrorStatus, $"Business object '{code}' is onbekend.");

    private static IResult Write(HttpContext http, AccountViewSimulator sim, Company company, string scope, bool insert)
    {
        if (!scope.Contains("updateaccountviewdata", StringComparison.Ordinal))
            return AccountViewResults.Error(403, "The token lacks the updateaccountviewdata scope.", "AuthorizationError");
        var body = (string)http.Items[BodyItem]!;
        var (envelope, error) = AccountViewEnvelope.Parse(body);
        if (envelope is null) return AccountViewResults.Error(sim.Options.ErrorStatus, error!);
        lock (sim.Store.Gate)
        {
            var now = sim.Clock.GetUtcNow();
            var (answer, writeError) = insert
                ? AccountViewWriter.Insert(sim.Store, company, envelope, now)
                : AccountViewWriter.Update(sim.Store, company, envelope, now);
            return answer is null ? AccountViewResults.Error(sim.Options.ErrorStatus, writeError!) : AccountViewResults.Json(200, answer);
        }
    }

    public const string BodyItem = "av.body";

    /// <summary>Faults first, then the call; the journal records every call with its status.</summary>
    private static async ValueTask<object?> Guard(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var sim = http.Simulator();
        http.Request.EnableBuffering();
        var body = await new StreamReader(http.Request.Body, Encoding.UTF8).ReadToEndAsync(http.RequestAborted);
        http.Request.Body.Position = 0;
        http.Items[BodyItem] = body;

        var isWrite = !HttpMethods.IsGet(http.Request.Method) && !http.Request.Path.Value!.EndsWith("/token", StringComparison.OrdinalIgnoreCase);
        var latency = sim.Faults.Settings.LatencyMs + (isWrite ? sim.Faults.Settings.WriteLatencyMs : 0);
        if (latency > 0) await Task.Delay(latency, http.RequestAborted);
        var fault = sim.Faults.Next(isWrite);
        object? result = fault switch
        {
            FaultDecision.TooManyRequests => AccountViewResults.Error(429, "Too many requests (simulated).", "ThrottlingError"),
            FaultDecision.Error500 => AccountViewResults.Error(500, "Internal server error (simulated).", "ServerError"),
            FaultDecision.Error503 => AccountViewResults.Error(503, "Service unavailable (simulated).", "ServerError"),
            _ => null,
        };
        if (fault == FaultDecision.Hang) await Task.Delay(Timeout.Infinite, http.RequestAborted);
        result ??= await next(context);
        if (fault == FaultDecision.SucceedThen500) result = AccountViewResults.Error(500, "Internal server error (simulated, after the write was done).", "ServerError");

        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : 200;
        var target = $"{http.Request.Path}{http.Request.QueryString}";
        sim.Journal.Add(new JournalEntry(sim.Clock.GetUtcNow(), http.Request.Method, target, status,
            target.EndsWith("/token", StringComparison.OrdinalIgnoreCase) || body.Length == 0 ? null : body));
        return result;
    }
}
