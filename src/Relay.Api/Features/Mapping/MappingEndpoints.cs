using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Orders;
using Relay.Api.Features.Tenants;
using Relay.Api.Infrastructure.Http;
using Relay.Domain.Mapping;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.Mapping;

/// <summary>The data mapper: the default field mapping of the order flow, a connection's overrides, and a preview on a real order.</summary>
public static class MappingEndpoints
{
    public static RouteGroupBuilder MapMappingEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/connections/{id}/mappings").WithTags("Data mapper");
        group.MapGet("/", GetAsync)
            .WithName("GetMappings")
            .WithSummary("The default field mapping, the source fields overrides may read, and this connection's overrides")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/", ReplaceAsync)
            .WithName("ReplaceMappings")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Replace the connection's overrides; each target field gets a source field, a constant, or a small transformation")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/preview", PreviewAsync)
            .WithName("PreviewMappings")
            .WithSummary("What the order flow would send to AccountView for a real shop order, with the given (or the saved) overrides; sends nothing")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public sealed record MappingsView(IReadOnlyList<DefaultMapping> Defaults, IReadOnlyList<string> OrderSources, IReadOnlyList<string> LineSources,
        IReadOnlyList<FieldMapping> Overrides)
    {
        /// <summary>What "article.*" overrides may read: the shop product and its characteristics.</summary>
        public IReadOnlyList<string> ArticleSources { get; init; } = MappingSources.ArticleFields;
    }

    /// <param name="Mappings">Overrides to try instead of the saved ones; left out, the saved ones are used.</param>
    public sealed record PreviewRequest(long OrderId, IReadOnlyList<FieldMapping>? Mappings = null);

    internal static async Task<Results<Ok<MappingsView>, ProblemHttpResult>> GetAsync(string id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        await session.LoadConnectionAsync(user, id, ct) is { } connection
            ? TypedResults.Ok(new MappingsView(DefaultMappings.Orders, MappingSources.OrderFields, MappingSources.LineFields, connection.Mappings))
            : Problems.NotFound($"There is no connection '{id}'.");

    internal static async Task<Results<Ok<IReadOnlyList<FieldMapping>>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        string id, IReadOnlyList<FieldMapping> mappings, ClaimsPrincipal user, IDocumentSession session,
            SettingsCodes codes, TimeProvider clock,
        CancellationToken ct)
    {
        if (FieldMappingCheck.Problems(mappings) is { Count: > 0 } invalid) return TypedResults.ValidationProblem(invalid);
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return Problems.NotFound($"There is no connection '{id}'.");
        var before = connection.Settings();
        // A target the administration lacks would make AccountView refuse every order: refused now, by name.
        if (await codes.FieldProblemsAsync(connection, before with { Mappings = mappings }, "mappings",
            ct) is { Count: > 0 } missing)
            return TypedResults.ValidationProblem(missing);
        connection.Mappings = mappings;
        session.Update(connection);
        session.Record(connection, before, "mappings", user, clock);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(connection.Mappings);
    }

    internal static async Task<Results<Ok<OrderDryRun>, ValidationProblem, ProblemHttpResult>> PreviewAsync(
        string id, PreviewRequest request, ClaimsPrincipal user, IQuerySession session, OrderProcessor orders,
            SettingsCodes codes, CancellationToken ct)
    {
        if (request.OrderId <= 0) return Problems.Invalid("orderId", "The CCV Shop order id (a positive number).");
        if (request.Mappings is { } proposed && FieldMappingCheck.Problems(proposed) is { Count: > 0 } invalid) return TypedResults.ValidationProblem(invalid);
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return Problems.NotFound($"There is no connection '{id}'.");
        if (request.Mappings is { } tried
            && await codes.FieldProblemsAsync(connection, connection.Settings() with { Mappings = tried },
                "mappings", ct) is { Count: > 0 } missing)
            return TypedResults.ValidationProblem(missing);
        var orderId = request.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var key = WorkKey.ForShopEntity(id, ShopEntity.Order, orderId);
        return TypedResults.Ok(await orders.DryRunAsync(connection, key, request.Mappings, ct));
    }
}
