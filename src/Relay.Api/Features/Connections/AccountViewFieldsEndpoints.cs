using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Clients.AccountView;
using Relay.Api.Features.Tenants;
using Relay.Api.Infrastructure.Http;
using Relay.Domain.Mapping;

namespace Relay.Api.Features.Connections;

/// <summary>The administration's data dictionary as Relay holds it: which fields each table Relay writes has.</summary>
public static class AccountViewFieldsEndpoints
{
    public static RouteGroupBuilder MapAccountViewFieldsEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/connections/{id}/accountview/fields").WithTags("Connection setup");
        group.MapGet("/", GetAsync)
            .WithName("GetAccountViewFields")
            .WithSummary("Per table Relay writes (CONTACT, DEL_ADDR, SO_HDR, SO_LINE, DJ_PAGE, DJ_LINE, ARTICLE, "
                + "ART_GRP): its fields, "
                + "their type, length and whether they are mandatory, as the administration's data dictionary says")
            .WithDescription("Read at verify time and kept; read again when a day old. Writes use only the fields "
                + "listed here.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/refresh", RefreshAsync)
            .WithName("RefreshAccountViewFields")
            .WithSummary("Read the administration's data dictionary again now (after a module or custom field was "
                + "added)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        return group;
    }

    /// <param name="Known">Whether AccountView gave this table's fields; if not, writes keep to the fields the
    /// reference
    /// shows in use.</param>
    public sealed record TableFields(string Table, bool Known, IReadOnlyList<FieldSpec> Fields);

    public sealed record AccountViewFieldsResponse(DateTimeOffset? ReadAt, string? Problem,
        IReadOnlyList<string>? BusinessObjects,
        IReadOnlyList<TableFields> Tables);

    internal static async Task<Results<Ok<AccountViewFieldsResponse>, ProblemHttpResult>> GetAsync(string id,
        ClaimsPrincipal user,
        IQuerySession session, AdministrationDictionary dictionary, CancellationToken ct)
    {
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return Problems.NotFound($"There is no connection '{id}'.");
        if (connection.AccountView is null) return Problems.Conflict("The connection has no AccountView credentials.");
        return TypedResults.Ok(View(await dictionary.GetAsync(connection, ct)));
    }

    internal static async Task<Results<Ok<AccountViewFieldsResponse>, ProblemHttpResult>> RefreshAsync(string id,
        ClaimsPrincipal user,
        IQuerySession session, AdministrationDictionary dictionary, CancellationToken ct)
    {
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return Problems.NotFound($"There is no connection '{id}'.");
        if (connection.AccountView is null) return Problems.Conflict("The connection has no AccountView credentials.");
        var read = await dictionary.RefreshAsync(connection, ct);
        return read.Problem is { } problem
            ? Problems.Create(StatusCodes.Status502BadGateway, "AccountView's data dictionary could not be read",
                $"AccountView: {problem} The dictionary read "
                    + $"before{(read.ReadAt is { } at ? $" (at {at:u})" : " (none)")} stays in use.")
            : TypedResults.Ok(View(read));
    }

    private static AccountViewFieldsResponse View(AccountViewFieldsDocument? read) => new(read?.ReadAt, read?.Problem,
        read?.Fields?.BusinessObjects,
        AccountViewClient.DictionaryTables.Select(t => read?.Fields?.Table(t) is { } fields
            ? new TableFields(t, true, fields.OrderBy(f => f.Name, StringComparer.Ordinal).ToList())
            : new TableFields(t, false, [])).ToList());
}
