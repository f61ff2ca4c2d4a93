using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Clients;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Tenants;
using Relay.Api.Infrastructure.Http;

namespace Relay.Api.Features.Connections;

/// <summary>
/// The CCV Shop webhooks a connection needs (ccvshop-api.md §3.1, §3.2), pointing at this Relay
/// (Relay:PublicBaseUrl). Registering is repeatable: what is there is kept, what points at an old
/// address of this connection is replaced, what is missing is created.
/// </summary>
public static class WebhookRegistration
{
    public static readonly string[] OrderEvents = ["orders.created", "orders.updated.status", "orders.updated.ispaid"];

    /// <summary>Registered while the shop is the product master (§3.2); removed again when it is not.</summary>
    public static readonly string[] ProductEvents = ["products.created", "products.updated", "categories.created", "categories.updated"];

    private static string[] WantedEvents(ConnectionDocument connection) =>
        connection.Products is { Enabled: true, Master: Relay.Domain.Products.ProductMaster.Shop } ? [.. OrderEvents, .. ProductEvents] : OrderEvents;

    public static RouteGroupBuilder MapWebhookRegistrationEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/connections/{id}/webhooks").WithTags("Connection setup");
        group.MapGet("/", ListAsync)
            .WithName("ListWebhooks")
            .WithSummary("This connection's webhooks registered at the shop (secrets masked), and how many others "
                + "the shop has")
            .WithDescription("Webhooks of other connections or other systems on the same shop are counted, never "
                + "shown.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        group.MapPost("/register", RegisterAsync)
            .WithName("RegisterWebhooks")
            .WithSummary("Create the webhooks the connection needs at the shop, pointing at this Relay; replace stale ones")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        return group;
    }

    public sealed record WebhookView(long Id, string Event, string Address, bool IsActive, bool ThisConnection, string? Action = null);

    /// <param name="Others">Webhooks on the shop that are not this connection's (another connection's, another
    /// system's).</param>
    public sealed record WebhookList(IReadOnlyList<WebhookView> Webhooks, int Others);

    internal static async Task<Results<Ok<WebhookList>, ProblemHttpResult>> ListAsync(
        string id, ClaimsPrincipal user, IQuerySession session, CcvShopClient ccv, CancellationToken ct)
    {
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return Problems.NotFound($"There is no connection '{id}'.");
        try
        {
            var hooks = await ccv.ListWebhooksAsync(connection.ShopAccess(), ct);
            var ours = hooks.Where(h => IsOurs(h, connection)).ToList();
            return TypedResults.Ok(new WebhookList(ours.Select(h => View(h, connection, null)).ToList(), hooks.Count
                - ours.Count));
        }
        catch (Exception e) when (OutboundFailure.Is(e, ct))
        {
            return ShopRefused(e);
        }
    }

    internal static async Task<Results<Ok<IReadOnlyList<WebhookView>>, ProblemHttpResult>> RegisterAsync(
        string id, ClaimsPrincipal user, IDocumentSession session, CcvShopClient ccv, HttpContext http, IConfiguration configuration, CancellationToken ct)
    {
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return Problems.NotFound($"There is no connection '{id}'.");
        var address = ConnectionEndpoints.WebhookAddress(connection, http, configuration);
        var shop = connection.ShopAccess();
        var result = new List<WebhookView>();
        try
        {
            var existing = await ccv.ListWebhooksAsync(shop, ct);
            // Product webhooks of this connection that are no longer wanted (the shop is not the master any more).
            foreach (var unwanted in existing.Where(h => ProductEvents.Contains(h.Event) && !WantedEvents(connection).Contains(h.Event) && IsOurs(h, connection)))
            {
                await ccv.DeleteWebhookAsync(shop, unwanted.Id, ct);
                result.Add(View(unwanted, connection, "removed"));
            }
            foreach (var @event in WantedEvents(connection))
            {
                var wanted = $"{address}/{@event}";
                var current = existing.FirstOrDefault(h => h.Event == @event && h.Address == wanted && h.IsActive);
                // Stale: this connection's webhook for the event at another address (an old base URL or secret), or switched off.
                foreach (var stale in existing.Where(h => h.Event == @event && h != current && IsOurs(h, connection)))
                {
                    await ccv.DeleteWebhookAsync(shop, stale.Id, ct);
                    result.Add(View(stale, connection, "removed"));
                }
                if (current is not null)
                {
                    result.Add(View(current, connection, "kept"));
                    continue;
                }
                var created = await ccv.RegisterWebhookAsync(shop, @event, wanted, ct);
                // The key the shop signs deliveries with (§3.1); kept for the opt-in signature check.
                if (created.Key is { Length: > 0 } key) connection.WebhookSignature.Key = key;
                result.Add(View(created, connection, "created"));
            }
        }
        catch (Exception e) when (OutboundFailure.Is(e, ct))
        {
            return ShopRefused(e); // what was changed at the shop before is seen again (kept) at the next registration
        }
        session.Update(connection);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok<IReadOnlyList<WebhookView>>(result);
    }

    private static bool IsOurs(CcvWebhook hook, ConnectionDocument connection) => hook.Address.Contains($"/webhooks/ccvshop/{connection.Id}/", StringComparison.Ordinal);

    /// <summary>An address carries a webhook secret (this connection's, or an old one): never shown after
    /// creation.</summary>
    private static WebhookView View(CcvWebhook hook, ConnectionDocument connection, string? action) =>
        new(hook.Id, hook.Event, Masked(hook.Address), hook.IsActive, IsOurs(hook, connection), action);

    /// <summary>The segment after /webhooks/ccvshop/{connection}/ is the secret, whichever it is.</summary>
    private static string Masked(string address) =>
        System.Text.RegularExpressions.Regex.Replace(address, "(/webhooks/ccvshop/[^/]+/)[^/]+", "$1***");

    private static ProblemHttpResult ShopRefused(Exception e) =>
        Problems.Create(StatusCodes.Status502BadGateway, "CCV Shop could not register the webhooks", OutboundFailure.Describe(e));
}
