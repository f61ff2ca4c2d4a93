using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
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
            .WithDescription("Safe to repeat: every product is found by its number before anything is created. The catalogue is read in the background; progress: GET .../imports/{importId}.")
            .Produces<ImportProgress>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/customers/import", ImportCustomersAsync)
            .WithName("ImportCustomers")
            .WithSummary("Queue every shop customer (or one, with userId) to be created or updated as a debtor, now")
            .Produces<ImportProgress>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/imports/{importId}", GetImportAsync)
            .WithName("GetImport")
            .WithSummary("An import's progress: reading or queued, total, done, succeeded, skipped, failed (with the first failures' reasons)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/products/status", GetCatalogueStatusAsync)
            .WithName("GetCatalogueStatus")
            .WithSummary("Where the product and customer scans stand: last poll, watermark, last reconciliation, last error")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <param name="State">Reading (the catalogue; Total is 0 until read), Queued, or Failed (Error says why; nothing was queued).</param>
    public sealed record ImportProgress(string ImportId, string Flow, DateTimeOffset StartedAt, ImportState State, int Total, int Done, int Succeeded,
        int Skipped, int Failed, bool Finished, IReadOnlyList<ImportFailure> Failures, string? Error);

    public sealed record ImportFailure(string Key, string? Reason);

    public sealed record CatalogueStatusResponse(bool ProductsEnabled, string Master, bool CustomersEnabled, DateTimeOffset? Watermark,
        DateTimeOffset? LastPollAt, DateTimeOffset? LastReconciliationAt, DateTimeOffset? LastCustomerScanAt, string? LastError);

    internal static async Task<Results<Accepted<ImportProgress>, ProblemHttpResult>> ImportProductsAsync(
        string id, ClaimsPrincipal user, IDocumentSession session, CatalogueScanner scanner, CatalogueImports imports, CancellationToken ct)
    {
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return NotFound(id);
        if (connection.Products is not { Enabled: true } settings || connection.AccountView is null)
            return Problems.Conflict("The product flow of this connection is off, or it has no AccountView credentials.");
        return Accepted(await imports.StartAsync(id, Flow.Products, async read => settings.Master == ProductMaster.AccountView
            ? (await scanner.QueueFamiliesAsync(connection, null, "import", read)).Keys
            : await scanner.QueueShopProductsAsync(connection, "import", read), ct));
    }

    internal static async Task<Results<Accepted<ImportProgress>, ProblemHttpResult>> ImportCustomersAsync(
        string id, ClaimsPrincipal user, IDocumentSession session, CatalogueScanner scanner, CatalogueImports imports, CancellationToken ct, long? userId = null)
    {
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return NotFound(id);
        if (connection.Customers is not { Enabled: true } || connection.AccountView is null)
            return Problems.Conflict("The customer flow of this connection is off, or it has no AccountView credentials.");
        return Accepted(await imports.StartAsync(id, Flow.Customers, read => userId is { } one
            ? scanner.QueueCustomerAsync(id, one, read)
            : scanner.QueueCustomersAsync(connection, onlyChanged: false, "on demand", read), ct));
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
        import.Id, import.Flow, import.StartedAt, import.State, import.Keys.Count, done.Count,
        done.Count(w => w.Status == WorkStatus.Succeeded), done.Count(w => w.Status == WorkStatus.Skipped), done.Count(w => w.Status == WorkStatus.Failed),
        import.State == ImportState.Failed || (import.State == ImportState.Queued && done.Count == import.Keys.Count),
        done.Where(w => w.Status == WorkStatus.Failed).Take(20).Select(w => new ImportFailure(w.Id, w.LastError)).ToList(), import.Error);

    private static Accepted<ImportProgress> Accepted(CatalogueImportDocument import) =>
        TypedResults.Accepted($"/api/connections/{import.ConnectionId}/imports/{import.Id}", Progress(import, []));

    private static ProblemHttpResult NotFound(string id) => Problems.NotFound($"There is no connection '{id}'.");
}
