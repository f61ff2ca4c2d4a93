namespace Relay.Api.Dashboard.Activity;

/// <summary>Where a unit of work is shown; its key (ccv:shop-1:order:123) is one path segment.</summary>
public static class WorkItemLinks
{
    public static string Detail(string connectionId, string key, bool dryRun = false) =>
        $"/app/connections/{connectionId}/activity/{Uri.EscapeDataString(key)}" + (dryRun ? "?dryRun=true" : "");
}
