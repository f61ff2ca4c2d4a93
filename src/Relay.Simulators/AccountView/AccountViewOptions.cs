namespace Relay.Simulators.AccountView;

public sealed class AccountViewOptions
{
    public string ClientId { get; set; } = "sandbox-client";
    public string ClientSecret { get; set; } = "sandbox-client-secret";

    /// <summary>Token lifetime is not documented (accountview-api.md §1.2); an hour is the common choice.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether the token answer includes expires_in (not evidenced, §5 Example 1).</summary>
    public bool IncludeExpiresIn { get; set; } = true;

    /// <summary>Refresh tokens are re-issued on every refresh (§1.2 [I]); with rotation the old one stops working.</summary>
    public bool RotateRefreshTokens { get; set; } = true;

    public List<Company> Companies { get; set; } = [new("sandbox-company", "Sandbox Webwinkel BV", "SANDBOX")];

    /// <summary>HTTP status of an error body; unknown (§2.6), so a setting.</summary>
    public int ErrorStatus { get; set; } = 400;

    /// <summary>A read that matches nothing: 200 with empty tables, or 404 as S4 tolerates (§2.3).</summary>
    public bool EmptyReadIs404 { get; set; }

    public int DefaultPageSize { get; set; } = 100;
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Seed JSON file (the shape of GET /__control/dump); empty: the built-in demo administration.</summary>
    public string? SeedFile { get; set; }
    public int SeedArticles { get; set; } = 300;
}

public sealed record Company(string Id, string Description, string Code);
