namespace Relay.Domain.PersonalData;

// Public contract of the audit trail: fields are added, never renamed.

/// <summary>
/// A work item's personal data was masked: after the connection's retention, or because the customer asked to be
/// erased. Amounts, codes, decisions and outcomes stay; Events says how many of the stream's events changed.
/// </summary>
public sealed record PersonalDataMasked(string Key, string Why, int Events, DateTimeOffset At);

/// <summary>
/// A retention run over one connection (on its schedule, on demand, or an erasure): how many work items it masked
/// and how many, older than the work item retention, it deleted with their audit trails. Its stream is
/// <see cref="StreamOf"/>, which holds no personal data itself.
/// </summary>
public sealed record RetentionApplied(string ConnectionId, string Trigger, int Masked, int Deleted,
    IReadOnlyList<string> DeletedKeys, DateTimeOffset At)
{
    public static string StreamOf(string connectionId) => $"retention:{connectionId}";
}
