using System.Security.Cryptography;
using Marten;
using JasperFx;
using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Clients.AccountView;
using Relay.Api.Infrastructure.Http;
using Relay.Domain.Orders;

namespace Relay.Api.Features.Connections;

public static class ConnectionEndpoints
{
    public static RouteGroupBuilder MapConnectionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/connections").WithTags("Connections");

        group.MapPost("/", CreateConnectionAsync)
            .WithName("CreateConnection")
            .WithSummary("Create a connection between one CCV Shop webshop and one AccountView company")
            .WithDescription("Credentials are write-only. The answer shows the webhook address, with its secret, this once.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ListConnectionsAsync)
            .WithName("ListConnections")
            .WithSummary("List connections (without credentials)");
        group.MapGet("/{id}", GetConnectionAsync)
            .WithName("GetConnection")
            .WithSummary("Get one connection (without credentials)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}/flows/orders", SetOrderFlowAsync)
            .WithName("SetOrderFlow")
            .WithSummary("Replace the order flow's settings (status filter, document type, debtor, VAT, revenue, mappings)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/reconcile", ReconcileOrdersAsync)
            .WithName("ReconcileOrders")
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

    internal static async Task<Results<Ok<ConnectionResponse>, ValidationProblem, ProblemHttpResult>> SetOrderFlowAsync(
        string id, OrderFlowSettings settings, IDocumentSession session, CancellationToken ct)
    {
        if (OrderFlowSettingsCheck.Problems(settings) is { Count: > 0 } invalid) return TypedResults.ValidationProblem(invalid);
        var connection = await session.LoadAsync<ConnectionDocument>(id, ct);
        if (connection is null) return Problems.NotFound($"There is no connection '{id}'.");
        connection.Orders = settings;
        session.Update(connection);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(connection.ToResponse());
    }

    internal static async Task<Results<Ok<ReconcileAnswer>, ProblemHttpResult>> ReconcileOrdersAsync(
        string id, IQuerySession session, Orders.OrderReconciliation reconciliation, CancellationToken ct)
    {
        var connection = await session.LoadAsync<ConnectionDocument>(id, ct);
        return connection is null ? Problems.NotFound($"There is no connection '{id}'.") : TypedResults.Ok(new ReconcileAnswer(await reconciliation.ReconcileAsync(connection, ct)));
    }

    public sealed record ReconcileAnswer(int OrdersFound);

    internal static async Task<Results<Ok<ConnectionCheckResponse>, ProblemHttpResult>> VerifyConnectionAsync(
        string id, IQuerySession session, ConnectionChecker checker, CancellationToken ct)
    {
        var connection = await session.LoadAsync<ConnectionDocument>(id, ct);
        return connection is null ? Problems.NotFound($"There is no connection '{id}'.") : TypedResults.Ok(await checker.CheckAsync(connection, ct));
    }

    internal static async Task<Results<Created<CreatedConnectionResponse>, ValidationProblem, ProblemHttpResult>> CreateConnectionAsync(
        CreateConnectionRequest request, IDocumentSession session, HttpContext http, IConfiguration configuration,
        TimeProvider clock, AccountViewTokens tokens, CancellationToken ct)
    {
        if (request.Orders is { } orders && OrderFlowSettingsCheck.Problems(orders, "orders.") is { Count: > 0 } invalid)
            return TypedResults.ValidationProblem(invalid);
        var id = request.Id ?? Guid.NewGuid().ToString("n")[..12];
        var connection = new ConnectionDocument
        {
            Id = id,
            Name = request.Name,
            WebhookSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant(),
            CcvShop = new CcvShopCredentials
            {
                BaseUrl = request.CcvShop.BaseUrl.TrimEnd('/'),
                PublicKey = request.CcvShop.PublicKey,
                SecretKey = request.CcvShop.SecretKey,
            },
            AccountView = request.AccountView is { } av
                ? new AccountViewCredentials { BaseUrl = av.BaseUrl.TrimEnd('/'), ClientId = av.ClientId, ClientSecret = av.ClientSecret, CompanyId = av.CompanyId }
                : null,
            WebhookSignature = request.WebhookSignature is { } sig
                ? new WebhookSignatureSettings { Scheme = sig.Scheme, Header = sig.Header ?? "x-hash", Key = sig.Key }
                : new WebhookSignatureSettings(),
            Orders = request.Orders,
            CreatedAt = clock.GetUtcNow(),
        };

        if (await session.LoadAsync<ConnectionDocument>(id, ct) is not null) return Conflict(id);
        session.Insert(connection);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (DocumentAlreadyExistsException)
        {
            return Conflict(id); // lost a race with a concurrent create of the same id
        }
        if (request.AccountView?.RefreshToken is { Length: > 0 } refreshToken) await tokens.SaveRefreshTokenAsync(id, refreshToken, ct);

        var baseUrl = configuration["Relay:PublicBaseUrl"]?.TrimEnd('/') ?? $"{http.Request.Scheme}://{http.Request.Host}";
        var address = $"{baseUrl}/webhooks/ccvshop/{id}/{connection.WebhookSecret}";
        return TypedResults.Created($"/api/connections/{id}", new CreatedConnectionResponse(connection.ToResponse(), address));
    }

    internal static async Task<Ok<IReadOnlyList<ConnectionResponse>>> ListConnectionsAsync(IQuerySession session, CancellationToken ct)
    {
        var connections = await session.Query<ConnectionDocument>().OrderBy(c => c.Id).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<ConnectionResponse>>(connections.Select(c => c.ToResponse()).ToList());
    }

    internal static async Task<Results<Ok<ConnectionResponse>, ProblemHttpResult>> GetConnectionAsync(
        string id, IQuerySession session, CancellationToken ct)
    {
        var connection = await session.LoadAsync<ConnectionDocument>(id, ct);
        return connection is null
            ? Problems.NotFound($"There is no connection '{id}'.")
            : TypedResults.Ok(connection.ToResponse());
    }

    private static ProblemHttpResult Conflict(string id) =>
        Problems.Create(StatusCodes.Status409Conflict, "Connection exists", $"A connection with id '{id}' exists already.");
}
