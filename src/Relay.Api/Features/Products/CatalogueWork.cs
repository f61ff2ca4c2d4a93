using Relay.Api.Infrastructure.Processing;
using Wolverine;

namespace Relay.Api.Features.Products;

/// <summary>Run a product's, category's or article family's pending work (on the catalogue lane).</summary>
public sealed record CatalogueWork(string Key, DateTimeOffset? RetryOf = null) : IWorkMessage;

public static class CatalogueWorkHandler
{
    public static Task Handle(CatalogueWork work, WorkAttempts attempts, CatalogueProcessor catalogue,
        IMessageContext context, CancellationToken ct) =>
        attempts.RunAsync(work, Lanes.Catalogue, catalogue, context, ct);
}
