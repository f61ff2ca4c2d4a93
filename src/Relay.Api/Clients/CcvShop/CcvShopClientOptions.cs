namespace Relay.Api.Clients.CcvShop;

public sealed class CcvShopClientOptions
{
    public const string Section = "Relay:Clients:CcvShop";

    /// <summary>Per endpoint and method per minute (§2.6); Relay keeps under these so the shop never says 429.</summary>
    public int ReadsPerMinute { get; set; } = 150;
    public int WritesPerMinute { get; set; } = 100;
    public int ProductQueriesPerMinute { get; set; } = 30;

    /// <summary>Checks the shop's response signature (§1.5). Off by default: only the official SDK checks it.</summary>
    public bool VerifyResponseSignatures { get; set; }

    public int PageSize { get; set; } = 250;
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);
    public int MaxRetries { get; set; } = 4;
}
