namespace Relay.Domain.Customers;

/// <summary>
/// One connection's customer flow: the shop's registered customers (users, ccvshop-api.md §4.4) become
/// AccountView debtors, matched by e-mail. Debtor defaults, the revenue-account and VAT-code tables come
/// from the order settings, so a customer is the same debtor whichever flow writes it first.
/// </summary>
public sealed record CustomerFlowSettings
{
    // Required in a body: leaving it out must not switch the flow off (or on) unnoticed.
    [System.Text.Json.Serialization.JsonRequired]
    public bool Enabled { get; init; }

    /// <summary>Existing debtors are updated with the shop's details; off leaves AccountView's data as it is.</summary>
    public bool UpdateExisting { get; init; } = true;

    /// <summary>Minutes between scans of the shop's customers (CCV sends no customer webhooks, §3.2). At least 5.</summary>
    public int ScanMinutes { get; init; } = 60;
}
