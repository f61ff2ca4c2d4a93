using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Relay.Simulators.AccountView;

/// <summary>
/// The control API of the simulated AccountView, under {prefix}/__control: not part of the real API.
/// It changes stock and sales orders as the warehouse and the bookkeeper would, reads back what was written, hands out
/// authorisations and sets faults.
/// </summary>
public static class AccountViewControlRoutes
{
    public static RouteGroupBuilder MapAccountViewControl(this IEndpointRouteBuilder routes, string prefix = "")
    {
        var control = routes.MapGroup($"{prefix}/__control").ExcludeFromDescription();
        control.MapPut("/articles/{code}/stock", (HttpContext http, string code, StockChange change) =>
            http.Simulator().SetStockOnShelf(code, change.OnShelf) ? Results.NoContent() : Results.NotFound());
        control.MapPost("/tables/{table}", (HttpContext http, string table, JsonObject row) =>
        {
            var sim = http.Simulator();
            lock (sim.Store.Gate)
            {
                row["CNG_DATE"] ??= AccountViewStore.Timestamp(sim.Clock.GetUtcNow());
                sim.Store.Table(sim.Options.Companies[0].Id, table.ToUpperInvariant()).Add(row);
            }
            return Results.NoContent();
        });
        control.MapGet("/tables/{table}", (HttpContext http, string table) =>
            Results.Text(new JsonArray(http.Simulator().Rows(table.ToUpperInvariant()).Select(r => (JsonNode)r).ToArray()).ToJsonString(), "application/json"));
        control.MapPut("/salesorders/{number}/state", (HttpContext http, string number, SalesOrderStateChange change) =>
            AccountViewSalesOrders.Change(http.Simulator(), number, change) ? Results.NoContent() : Results.NotFound());
        control.MapPost("/salesorders", (HttpContext http, EnteredSalesOrder order) =>
            Results.Ok(new { number = AccountViewSalesOrders.Enter(http.Simulator(), order) }));
        control.MapPost("/refresh-tokens", (HttpContext http) => Results.Ok(new { refreshToken = http.Simulator().Tokens.IssueRefreshToken() }));
        control.MapPost("/expire-tokens", (HttpContext http) =>
        {
            http.Simulator().Tokens.ExpireAccessTokens();
            return Results.NoContent();
        });
        control.MapCommonControl(http => http.Simulator());
        return control;
    }

    public sealed record StockChange(decimal OnShelf);
}
