using Relay.Domain.WorkItems;

namespace Relay.Domain.Products;

// The events of the product, category and customer flows' work items. Public contract of the audit
// trail: fields are added, never renamed.

/// <summary>Work was found for an article family, a shop product or a shop customer: by a poll, an import, a reconciliation or on demand.</summary>
public sealed record CatalogueWorkQueued(string Key, string ConnectionId, WorkItems.Flow Flow, WorkItems.ShopEntity Entity, string EntityId, string Trigger, DateTimeOffset At);

/// <summary>How a product's, category's, article family's or customer's attempt ended: synced, skipped or
/// failed.</summary>
public interface ICatalogueOutcome : IWorkOutcome;

/// <summary>
/// The other system holds what the work asked for. Target says what was written (or found), Decisions why;
/// Customer is whom a customer's work was for, until the connection's retention masks it.
/// </summary>
public sealed record CatalogueSynced(string Key, string Target, IReadOnlyList<string> Written,
    IReadOnlyList<string> Decisions, DateTimeOffset At, string? ImageSha256 = null,
    PersonalData.CustomerOnRecord? Customer = null) : ICatalogueOutcome;

/// <summary>Nothing was written, and why (a filter rule, the flow's direction, no e-mail, …).</summary>
public sealed record CatalogueSkipped(string Key, string Reason, DateTimeOffset At) : ICatalogueOutcome;

/// <summary>An attempt failed. Permanent failures wait for a replay; others are retried at NextAttemptAt.</summary>
public sealed record CatalogueFailed(string Key, string Reason, string? OtherSystemMessage, bool Permanent,
    DateTimeOffset? NextAttemptAt, DateTimeOffset At) : ICatalogueOutcome, IWorkFailure;
