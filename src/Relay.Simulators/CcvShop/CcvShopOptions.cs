namespace Relay.Simulators.CcvShop;

public sealed class CcvShopOptions
{
    public string PublicKey { get; set; } = "sandbox-public";
    public string SecretKey { get; set; } = "sandbox-secret";

    /// <summary>Allowed x-date skew. Not stated anywhere (ccvshop-api.md §1.3, §8.2); five minutes is the usual choice.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Status of a refused signature. Unknown (§2.5, §8.2); 401 as §7 suggests.</summary>
    public int AuthFailureStatus { get; set; } = 401;

    /// <summary>Per endpoint and method per minute (§2.6).</summary>
    public int ReadsPerMinute { get; set; } = 150;
    public int WritesPerMinute { get; set; } = 100;
    public int ProductQueriesPerMinute { get; set; } = 30;

    /// <summary>The total per-minute limit (429.11) exists but its value is unknown (§2.6); 0 switches it off.</summary>
    public int TotalPerMinute { get; set; }

    /// <summary>Largest page; S5 clamps to 250, the documented maximum is unknown (§2.3).</summary>
    public int MaxPageSize { get; set; } = 250;
    public int DefaultPageSize { get; set; } = 25;

    /// <summary>How often a failed webhook delivery is tried in all (§3.5: unknown).</summary>
    public int WebhookAttempts { get; set; } = 3;
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Deliveries in flight at once: a shop sends its webhooks concurrently, not one after the other
    /// (ccvshop-api.md §3.5: ordering and concurrency are undocumented; a bounded handful is the plausible case).</summary>
    public int WebhookConcurrency { get; set; } = 8;

    /// <summary>Signature header on webhook deliveries; the real scheme is unknown (§3.4).</summary>
    public WebhookSigning WebhookSigning { get; set; } = WebhookSigning.AddressAndBody;
    public string WebhookSignatureHeader { get; set; } = "x-hash";

    /// <summary>Seed JSON file (the shape of GET /__control/dump); empty: the built-in demo catalogue.</summary>
    public string? SeedFile { get; set; }
    public int SeedProducts { get; set; } = 300;

    /// <summary>Orders in the built-in demo shop (placed, paid, by the seeded customers).</summary>
    public int SeedOrders { get; set; } = 3;
}

public enum WebhookSigning
{
    None,

    /// <summary>hex HMAC-SHA512(webhook key, "address|body"): the hypothesis of §3.4.</summary>
    AddressAndBody,

    /// <summary>hex HMAC-SHA512(webhook key, body).</summary>
    Body,
}
