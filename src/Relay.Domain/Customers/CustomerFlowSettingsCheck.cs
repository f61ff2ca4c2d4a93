namespace Relay.Domain.Customers;

/// <summary>What makes customer settings unusable, per field (JSON names).</summary>
public static class CustomerFlowSettingsCheck
{
    public static IReadOnlyDictionary<string, string[]> Problems(CustomerFlowSettings s) =>
        s.ScanMinutes is < 5 or > 10_080
            ? new Dictionary<string, string[]> { ["scanMinutes"] = ["Between 5 minutes and a week."] }
            : new Dictionary<string, string[]>();
}
