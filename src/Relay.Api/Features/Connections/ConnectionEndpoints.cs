using System.Security.Claims;
using System.Security.Cryptography;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Clients.AccountView;
using Relay.Api.Features.Tenants;
using Relay.Api.Infrastructure.Http;
using Relay.Domain.Orders;
using Relay.Domain.Settings;

namespace Relay.Api.Features.Connections;

public static class ConnectionEndpoints
{
    public static RouteGroupBuilder MapConnectionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/connections").WithTags("Connections");

        group.MapPost("/", CreateConnectionAsync)
            .WithName("CreateConnection")
            .WithSummary("Create a connection between one CCV Shop webshop and one AccountView company")
            .WithDescription("Credentials are write-only and encrypted at rest. The answer shows the webhook address, with its secret, this once. " +
                             "A tenant's key creates connections of its tenant; the bootstrap key names the tenant (default: 'default').")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ListConnectionsAsync)
            .WithName("ListConnections")
            .WithSummary("List the connections the key may see (without credentials)");
        group.MapGet("/{id}", GetConnectionAsync)
            .WithName("GetConnection")
            .WithSummary("Get one connection (without credentials)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{id}", UpdateConnectionAsync)
            .WithName("UpdateConnection")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Change a connection's name or credentials; what is left out stays as it is")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", DeleteConnectionAsync)
            .WithName("DeleteConnection")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Delete a connection and its credentials and tokens; its work items stay on record")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/reconcile", ReconcileOrdersAsync)
            .WithName("ReconcileOrders")
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .WithSummary("Look for recent shop orders Relay has not seen (missed webhooks) now, instead of at the next poll")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/verify", VerifyConnectionAsync)
            .WithName("VerifyConnection")
            .WithSummary("Check the stored credentials against CCV Shop and AccountView, and say what is wrong")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/stats", ConnectionStats.GetStatsAsync)
            .WithName("GetConnectionStats")
            .WithSummary("Work per flow per day (received, succeeded, skipped, failed, pending), the last success and open failures")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    internal static async Task<Results<Ok<ReconcileAnswer>, ProblemHttpResult>> ReconcileOrdersAsync(
        string id, ClaimsPrincipal user, IQuerySession session, Orders.OrderReconciliation reconciliation, CancellationToken ct) =>
        await session.LoadConnectionAsync(user, id, ct) is { } connection
            ? TypedResults.Ok(new ReconcileAnswer(await reconciliation.ReconcileAsync(connection, ct)))
            : NotFound(id);

    public sealed record ReconcileAnswer(int OrdersFound);

    internal static async Task<Results<Ok<ConnectionCheckResponse>, ProblemHttpResult>> VerifyConnectionAsync(
        string id, ClaimsPrincipal user, IQuerySession session, ConnectionChecker checker, CancellationToken ct) =>
        await session.LoadConnectionAsync(user, id, ct) is { } connection ? TypedResults.Ok(await checker.CheckAsync(connection, ct)) : NotFound(id);

    internal static async Task<Results<Created<CreatedConnectionResponse>, ValidationProblem, ProblemHttpResult>> CreateConnectionAsync(
        CreateConnectionRequest request, ClaimsPrincipal user, IDocumentSession session, HttpContext http, IConfiguration configuration,
        TimeProvider clock, AccountViewTokens tokens, CancellationToken ct)
    {
        if (request.Orders is { } orders && OrderFlowSettingsCheck.Problems(orders, "orders.") is { Count: > 0 } invalid)
            return TypedResults.ValidationProblem(invalid);
        var tenantId = user.TenantId() ?? request.TenantId ?? TenantDocument.DefaultId;
        if (!user.Sees(tenantId) || (request.TenantId is not null && request.TenantId != tenantId))
            return Problems.Invalid("tenantId", "A tenant's key creates connections of its own tenant only.");
        if (await session.LoadAsync<TenantDocument>(tenantId, ct) is null)
        {
            if (tenantId != TenantDocument.DefaultId) return Problems.Invalid("tenantId", $"There is no tenant '{tenantId}'.");
            session.Store(new TenantDocument { Id = TenantDocument.DefaultId, Name = "Default", CreatedAt = clock.GetUtcNow() });
        }

        var id = request.Id ?? Guid.NewGuid().ToString("n")[..12];
        var connection = new ConnectionDocument
        {
            Id = id,
            Name = request.Name,
            TenantId = tenantId,
            WebhookSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
            CcvShop = request.CcvShop.ToStored(),
            AccountView = request.AccountView?.ToStored(),
            WebhookSignature = request.WebhookSignature?.ToStored() ?? new WebhookSignatureSettings(),
            Orders = request.Orders,
            CreatedAt = clock.GetUtcNow(),
        };

        if (await session.LoadAsync<ConnectionDocument>(id, ct) is not null) return Conflict(id);
        session.Insert(connection);
        session.Record(connection, new ConnectionSettings(new OrderFlowSettings(), null, []), "created", user, clock, always: true);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (DocumentAlreadyExistsException)
        {
            return Conflict(id); // lost a race with a concurrent create of the same id
        }
        if (request.AccountView?.RefreshToken is { Length: > 0 } refreshToken) await tokens.SaveRefreshTokenAsync(id, refreshToken, ct);
        return TypedResults.Created($"/api/connections/{id}", new CreatedConnectionResponse(connection.ToResponse(), WebhookAddress(connection, http, configuration)));
    }

    /// <summary>Where CCV Shop delivers this connection's webhooks: {address}/{event}.</summary>
    public static string WebhookAddress(ConnectionDocument connection, HttpContext http, IConfiguration configuration) =>
        $"{PublicBaseUrl(http, configuration)}/webhooks/ccvshop/{connection.Id}/{connection.WebhookSecret}";

    /// <summary>Relay's address as CCV Shop and a merchant's browser reach it: Relay:PublicBaseUrl, else the address this request came to.</summary>
    public static string PublicBaseUrl(HttpContext http, IConfiguration configuration) =>
        configuration["Relay:PublicBaseUrl"]?.TrimEnd('/') ?? $"{http.Request.Scheme}://{http.Request.Host}";

    internal static async Task<Results<Ok<ConnectionResponse>, ValidationProblem, ProblemHttpResult>> UpdateConnectionAsync(
        string id, UpdateConnectionRequest request, ClaimsPrincipal user, IDocumentSession session, AccountViewTokens tokens,
        Stock.ShopSkuIndex skus, CancellationToken ct)
    {
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return NotFound(id);
        if (request.Name is { } name) connection.Name = name;
        if (request.CcvShop is { } shop)
        {
            connection.CcvShop = shop.ToStored();
            skus.Forget(id); // another shop (or the same with new keys): its products are read again
        }
        if (request.AccountView is { } av)
        {
            var before = connection.AccountView;
            connection.AccountView = av.ToStored();
            // Another administration has another dictionary: read again at its first use.
            if (before?.BaseUrl != connection.AccountView.BaseUrl
                || before?.CompanyId != connection.AccountView.CompanyId)
                session.Delete<AccountViewFieldsDocument>(id);
        }
        if (request.WebhookSignature is { } signature) connection.WebhookSignature = signature.ToStored();
        session.Update(connection);
        await session.SaveChangesAsync(ct);
        if (request.AccountView?.RefreshToken is { Length: > 0 } refreshToken) await tokens.SaveRefreshTokenAsync(id, refreshToken, ct);
        return TypedResults.Ok(connection.ToResponse());
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteConnectionAsync(
        string id, ClaimsPrincipal user, IDocumentSession session, Stock.ShopSkuIndex skus, CancellationToken ct)
    {
        if (await session.LoadConnectionAsync(user, id, ct) is null) return NotFound(id);
        session.Delete<ConnectionDocument>(id);
        session.Delete<AccountViewTokenDocument>(id);
        session.Delete<AccountViewFieldsDocument>(id);
        session.Delete<Stock.StockPollState>(id);
        session.DeleteWhere<Alerts.AlertDocument>(a => a.ConnectionId == id);
        session.DeleteWhere<Alerts.AlertNoticeDocument>(n => n.ConnectionId == id);
        await session.SaveChangesAsync(ct); // its stock writes stop at their next SKU: the connection is gone
        skus.Forget(id);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<ConnectionResponse>>> ListConnectionsAsync(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var query = session.Query<ConnectionDocument>().AsQueryable();
        if (user.TenantId() is { } tenant) query = query.Where(c => c.TenantId == tenant);
        var connections = await query.OrderBy(c => c.Id).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<ConnectionResponse>>(connections.Select(c => c.ToResponse()).ToList());
    }

    internal static async Task<Results<Ok<ConnectionResponse>, ProblemHttpResult>> GetConnectionAsync(
        string id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        await session.LoadConnectionAsync(user, id, ct) is { } connection ? TypedResults.Ok(connection.ToResponse()) : NotFound(id);

    private static ProblemHttpResult NotFound(string id) => Problems.NotFound($"There is no connection '{id}'.");

    private static ProblemHttpResult Conflict(string id) =>
        Problems.Create(StatusCodes.Status409Conflict, "Connection exists", $"A connection with id '{id}' exists already.");
}
