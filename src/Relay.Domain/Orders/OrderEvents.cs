using Relay.Domain.WorkItems;

namespace Relay.Domain.Orders;

// The order stream's own events, after the WebhookReceived deliveries. Public contract of the audit
// trail: fields are added, never renamed.

/// <summary>The reconciliation poll found an order no webhook announced.</summary>
public sealed record OrderFoundByPoll(string Key, string ConnectionId, string EntityId, DateTimeOffset At);

/// <summary>Someone asked to run the order again, with today's settings.</summary>
public sealed record ReplayRequested(string Key, string RequestedBy, DateTimeOffset At);

/// <summary>A failed attempt's next try is due.</summary>
public sealed record RetryDue(string Key, DateTimeOffset At);

/// <summary>Pending work was found unfinished (Relay restarted, or the attempt was cut off) and is run again.</summary>
public sealed record WorkResumed(string Key, DateTimeOffset At);

/// <summary>
/// The order was read from the shop and the rules decided; Decisions say why, in words (naming people by role).
/// Customer is whom it was for, until the connection's retention masks it.
/// </summary>
public sealed record OrderDecided(string Key, string OrderNumber, string DebtorNumber, OrderDocument Document,
    IReadOnlyList<string> Decisions, DateTimeOffset At, PersonalData.CustomerOnRecord? Customer = null);

/// <summary>How an order's attempt ended: sent, skipped or failed.</summary>
public interface IOrderOutcome : IWorkOutcome;

/// <summary>AccountView holds the document now.</summary>
public sealed record OrderSent(string Key, string OrderNumber, DocumentKind Kind, string AccountViewNumber,
    string DebtorNumber, string How, DateTimeOffset At) : IOrderOutcome;

/// <summary>The order is not sent, and why (filter, already in AccountView, …).</summary>
/// <param name="OrderNumber">The shop's order number, when the order was read.</param>
public sealed record OrderSkipped(string Key, string Reason, DateTimeOffset At, string? OrderNumber = null)
    : IOrderOutcome;

/// <summary>An attempt failed. Permanent failures wait for a replay; others are retried at NextAttemptAt.</summary>
/// <param name="OrderNumber">The shop's order number, when the order was read before the failure.</param>
public sealed record OrderFailed(string Key, string Reason, string? AccountViewMessage, bool Permanent,
    DateTimeOffset? NextAttemptAt, DateTimeOffset At, string? OrderNumber = null) : IOrderOutcome, IWorkFailure;
