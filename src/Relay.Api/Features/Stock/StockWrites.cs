using Wolverine;

namespace Relay.Api.Features.Stock;

/// <summary>Write a connection's pending stock figures to its shop (on the stock lane). Published with the
/// StockChanged events of a poll, and by a poll that finds figures still pending (a failed write).</summary>
public sealed record StockWrites(string ConnectionId);

public static class StockWritesHandler
{
    public static async Task Handle(StockWrites work, StockWriter writer, IMessageContext context,
        CancellationToken ct)
    {
        // A run that used up its budget hands the rest to a fresh message, behind whatever else queued meanwhile.
        if (await writer.RunAsync(work.ConnectionId, ct)) await context.PublishAsync(work);
    }
}
