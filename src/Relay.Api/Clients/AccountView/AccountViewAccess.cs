namespace Relay.Api.Clients.AccountView;

/// <summary>What the client needs to reach one AccountView company for one connection.</summary>
public sealed record AccountViewAccess(string ConnectionId, string BaseUrl, string ClientId, string ClientSecret, string CompanyId)
{
    public string ApiBase => $"{Root(BaseUrl)}/api/v3";

    /// <summary>The host a merchant may give as https://www.accountview.net or with its API path (§2.1): the
    /// host.</summary>
    public static string Root(string baseUrl)
    {
        var root = baseUrl.Trim().TrimEnd('/');
        return root.EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase) ? root[..^"/api/v3".Length] : root;
    }

    /// <summary>The administration's data dictionary: every write is fitted to it (<see cref="AccountViewFit"/>);
    /// null: not known.</summary>
    public Relay.Domain.Mapping.AdministrationFields? Fields { get; init; }

    /// <summary>When set, reads go to AccountView but writes are only recorded here, not sent (a dry run).</summary>
    public AccountViewDryRun? DryRun { get; init; }

    public override string ToString() => $"AccountViewAccess {{ ConnectionId = {ConnectionId}, BaseUrl = {BaseUrl}, CompanyId = {CompanyId} }}";
}

public sealed class AccountViewClientOptions
{
    public const string Section = "Relay:Clients:AccountView";

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);
    public int MaxRetries { get; set; } = 4;
    public int PageSize { get; set; } = 200;

    /// <summary>Refresh this long before the access token expires (its lifetime is not documented, §1.2).</summary>
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Assumed lifetime when the token answer has no expires_in (§5 Example 1: not evidenced).</summary>
    public TimeSpan AssumedTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public AccountViewSchema Schema { get; set; } = new();
}

/// <summary>The writes a dry run would have sent, exactly as they would have been sent.</summary>
public sealed class AccountViewDryRun
{
    private readonly List<PlannedRequest> _requests = [];
    public IReadOnlyList<PlannedRequest> Requests => _requests;

    internal AvRow Record(string method, string url, System.Text.Json.Nodes.JsonObject body)
    {
        _requests.Add(new PlannedRequest(method, url, body));
        // What a created record's key would be is not known before it is created.
        var placeholder = new System.Text.Json.Nodes.JsonObject();
        foreach (var key in new[] { "SUB_NR", "REC_ID", "ORD_NR", "INV_NR", "ART_CODE" }) placeholder[key] = "(new)";
        return new AvRow(placeholder);
    }
}

public sealed record PlannedRequest(string Method, string Url, System.Text.Json.Nodes.JsonObject Body);
