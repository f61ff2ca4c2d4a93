namespace Relay.Domain.OrderStatus;

/// <summary>
/// On the shop order's own stream: Relay is about to write these fields to the shop order, for the order-status
/// work item <paramref name="By"/>. The webhooks the write causes (<paramref name="Echoes"/>) are then recognised as
/// Relay's own change: recorded, and no work.
/// </summary>
public sealed record ShopOrderWrittenByRelay(string Key, IReadOnlyList<string> Written, IReadOnlyList<string> Echoes,
    string By, DateTimeOffset At);

/// <summary>A webhook Relay's own write will cause, expected until <paramref name="Until"/>.</summary>
public sealed record ExpectedEcho(string Event, string By, DateTimeOffset Until);
