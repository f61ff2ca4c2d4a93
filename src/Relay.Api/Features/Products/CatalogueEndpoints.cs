using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Clients;
using Relay.Api.Features.Tenants;
using Relay.Api.Infrastructure.Http;
using Relay.Domain.Products;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.Products;

/// <summary>Imports of the whole catalogue or all customers, their progress, and where the scans stand.</summary>
public static class CatalogueEndpoints
{
    public static RouteGroupBuilder MapCatalogueEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/connections/{id}").WithTags("Products and customers");
        group.MapPost("/products/import", ImportProductsAsync)
            .WithName("ImportProducts")
            .WithSummary("Queue every product in the master's direction (AccountView article families, or shop products); answers the import to follow")
            .WithDescription("Safe to repeat: every product is found by its number before anything is created. Progress: GET .../imports/{importId}.")
            .Produces<ImportProgress>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        group.MapPost("/customers/import", ImportCustomersAsync)
            .WithName("ImportCustomers")
            .WithSummary("Queue every shop customer (or one, with userId) to be created or updated as a debtor, now")
            .Produces<ImportProgress>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        group.MapGet("/imports/{importId}", GetImportAsync)
            .WithName("GetImport")
            .WithSummary("An import's progress: total, done, succeeded, skipped, failed (with the first failures' reasons)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/products/status", GetCatalogueStatusAsync)
            .WithName("GetCatalogueStatus")
            .WithSummary("Where the product and customer scans stand: last poll, watermark, last reconciliation, last error")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public sealed record ImportProgress(string ImportId, string Flow, DateTimeOffset StartedAt, int Total, int Done, int Succeeded, int Skipped, int Failed,
        bool Finished, IReadOnlyList<ImportFailure> Failures);

    public sealed record ImportFailure(string Key, string? Reason);

    public sealed record CatalogueStatusResponse(bool ProductsEnabled, string Master, bool CustomersEnabled, DateTimeOffset? Watermark,
        DateTimeOffset? LastPollAt, DateTimeOffset? LastReconciliationAt, DateTimeOffset? LastCustomerScanAt, string? LastError);

    internal static async Task<Results<Accepted<ImportProgress>, ProblemHttpResult>> ImportProductsAsync(
        string id, ClaimsPrincipal user, IDocumentSession session, CatalogueScanner scanner, TimeProvider clock, CancellationToken ct)
    {
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return NotFound(id);
        if (connection.Products is not { Enabled: true } settings || connection.AccountView is null)
            return Problems.Conflict("The product flow of this connection is off, or it has no AccountView credentials.");
        var startedAt = clock.GetUtcNow();
        try
        {
            var keys = settings.Master == ProductMaster.AccountView
                ? (await scanner.QueueFamiliesAsync(connection, null, "import", ct)).Keys
                : await scanner.QueueShopProductsAsync(connection, "import", ct);
            return Accepted(await scanner.RecordImportAsync(id, Flow.Products, keys, startedAt, ct));
        }
        catch (Exception e) when (OutboundFailure.Is(e, ct))
        {
            return Unreachable(e);
        }
    }

    internal static async Task<Results<Accepted<ImportProgress>, ProblemHttpResult>> ImportCustomersAsync(
        string id, ClaimsPrincipal user, IDocumentSession session, CatalogueScanner scanner, TimeProvider clock, CancellationToken ct, long? userId = null)
    {
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return NotFound(id);
        if (connection.Customers is not { Enabled: true } || connection.AccountView is null)
            return Problems.Conflict("The customer flow of this connection is off, or it has no AccountView credentials.");
        var startedAt = clock.GetUtcNow();
        try
        {
            var keys = userId is { } one
                ? await scanner.QueueCustomerAsync(id, one, ct)
                : await scanner.QueueCustomersAsync(connection, onlyChanged: false, "on demand", ct);
            return Accepted(await scanner.RecordImportAsync(id, Flow.Customers, keys, startedAt, ct));
        }
        catch (Exception e) when (OutboundFailure.Is(e, ct))
        {
            return Unreachable(e);
        }
    }

    internal static async Task<Results<Ok<ImportProgress>, ProblemHttpResult>> GetImportAsync(
        string id, string importId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadConnectionAsync(user, id, ct) is null) return NotFound(id);
        var import = await session.LoadAsync<CatalogueImportDocument>(importId, ct);
        if (import is null || import.ConnectionId != id) return Problems.NotFound($"Connection '{id}' has no import '{importId}'.");
        var keys = import.Keys.ToArray();
        var items = keys.Length == 0 ? [] : await session.Query<WorkItem>().Where(w => w.Id.IsOneOf(keys)).ToListAsync(ct);
        // An item is done for this import once it has an outcome dated after the import started.
        var done = items.Where(w => w.Status is WorkStatus.Succeeded or WorkStatus.Skipped or WorkStatus.Failed && w.UpdatedAt >= import.StartedAt).ToList();
        return TypedResults.Ok(Progress(import, done));
    }

    internal static async Task<Results<Ok<CatalogueStatusResponse>, ProblemHttpResult>> GetCatalogueStatusAsync(
        string id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return NotFound(id);
        var s = await session.LoadAsync<CatalogueState>(id, ct);
        return TypedResults.Ok(new CatalogueStatusResponse(connection.Products is { Enabled: true }, (connection.Products?.Master ?? ProductMaster.AccountView).ToString(),
            connection.Customers is { Enabled: true }, s?.Watermark, s?.LastPollAt, s?.LastReconciliationAt, s?.LastCustomerScanAt, s?.LastError));
    }

    private static ImportProgress Progress(CatalogueImportDocument import, IReadOnlyList<WorkItem> done) => new(
        import.Id, import.Flow, import.StartedAt, import.Keys.Count, done.Count,
        done.Count(w => w.Status == WorkStatus.Succeeded), done.Count(w => w.Status == WorkStatus.Skipped), done.Count(w => w.Status == WorkStatus.Failed),
        done.Count == import.Keys.Count,
        done.Where(w => w.Status == WorkStatus.Failed).Take(20).Select(w => new ImportFailure(w.Id, w.LastError)).ToList());

    private static Accepted<ImportProgress> Accepted(CatalogueImportDocument import) =>
        TypedResults.Accepted($"/api/connections/{import.ConnectionId}/imports/{import.Id}", Progress(import, []));

    private static ProblemHttpResult Unreachable(Exception e) =>
        Problems.Create(StatusCodes.Status502BadGateway, "The other system failed", $"The catalogue could not be read: {OutboundFailure.Describe(e)}. Nothing was queued.");

    private static ProblemHttpResult NotFound(string id) => Problems.NotFound($"There is no connection '{id}'.");
}
