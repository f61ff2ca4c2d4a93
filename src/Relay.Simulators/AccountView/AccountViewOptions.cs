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

/// <param name="Profile">Which fields and business objects the administration has (<see
/// cref="FieldDictionary"/>).</param>
public sealed record Company(string Id, string Description, string Code,
    CompanyProfile Profile = CompanyProfile.Standard);

/// <summary>
/// What an administration holds. Real administrations differ by modules and custom fields, and AccountView
/// refuses a field a table does not have (the dictionary is per administration, §3.1).
/// </summary>
public enum CompanyProfile
{
    /// <summary>Only the fields the reference shows in use; no code lists for payment terms, payment or shipping
    /// methods (§3.3: their business objects are unknown); QTY_AVAIL already nets out sales reservations
    /// (§4.1).</summary>
    Standard,

    /// <summary>Also PAY_TYPE, DISC_CODE, SHIP_MTH and GROSS_FLG on SO_HDR, VAT_CODE and ACCT_NR on SO_LINE, a
    /// reservation
    /// field QTY_RES beside QTY_AVAIL (then the shelf quantity), custom article fields, and the DC1, PM1 and SM1
    /// code lists.</summary>
    Extended,
}
