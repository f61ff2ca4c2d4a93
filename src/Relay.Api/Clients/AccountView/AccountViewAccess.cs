namespace Relay.Api.Clients.AccountView;

/// <summary>What the client needs to reach one AccountView company for one connection.</summary>
public sealed record AccountViewAccess(string ConnectionId, string BaseUrl, string ClientId, string ClientSecret, string CompanyId)
{
    public string ApiBase => $"{BaseUrl.TrimEnd('/')}/api/v3";

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
