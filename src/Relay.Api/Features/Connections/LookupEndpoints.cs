using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Clients;
using Relay.Api.Clients.AccountView;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Tenants;
using Relay.Api.Infrastructure.Http;

namespace Relay.Api.Features.Connections;

/// <summary>The valid choices for settings and mappings, read live from the connection's two systems.</summary>
public static class LookupEndpoints
{
    public static RouteGroupBuilder MapLookupEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/connections/{id}/lookups").WithTags("Connection setup");
        group.MapGet("/accountview/{list}", AccountViewAsync)
            .WithName("LookupAccountViewCodes")
            .WithSummary("AccountView codes: vatCodes, ledgers, paymentTerms, paymentMethods, shippingMethods, articleGroups")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        group.MapGet("/ccvshop/{list}", CcvShopAsync)
            .WithName("LookupCcvShopCodes")
            .WithSummary("CCV Shop choices: paymethods, orderStatuses, categories, orders (the 10 newest, by id)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        return group;
    }

    public sealed record Choice(string Code, string Description);

    internal static async Task<Results<Ok<IReadOnlyList<Choice>>, ValidationProblem, ProblemHttpResult>> AccountViewAsync(
        string id, string list, ClaimsPrincipal user, IQuerySession session, AccountViewClient accountView,
            AdministrationDictionary dictionary,
        CancellationToken ct)
    {
        if (!Enum.TryParse<AvCodeList>(list, ignoreCase: true, out var which) || !Enum.IsDefined(which))
            return Problems.Invalid("list", $"'{list}' is not a list: {string.Join(", ", Enum.GetNames<AvCodeList>().Select(Camel))}.");
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return Problems.NotFound($"There is no connection '{id}'.");
        if (connection.AccountViewAccess() is not { } av) return Problems.Conflict("The connection has no AccountView credentials.");
        var bo = accountView.Schema.BusinessObjectOf(which);
        if ((await dictionary.GetAsync(connection, ct))?.Fields is { } known && !known.HasObject(bo))
            return Problems.Conflict($"This AccountView administration has no {Camel(which.ToString())} list "
                + $"(business object {bo}): "
                + "the settings that name such codes are not checked and not written where its tables lack the field.");
        try
        {
            var codes = await accountView.ReadCodesAsync(av, which, ct);
            return TypedResults.Ok<IReadOnlyList<Choice>>(codes.Select(c => new Choice(c.Code.Trim(), c.Description.Trim())).OrderBy(c => c.Code).ToList());
        }
        catch (Exception e) when (OutboundFailure.Is(e, ct))
        {
            return Problems.Create(StatusCodes.Status502BadGateway, "AccountView could not be read", OutboundFailure.Describe(e));
        }
    }

    /// <summary>CCV's order statuses are fixed codes (ccvshop-api.md §4.2); their names per shop are not read.</summary>
    private static readonly IReadOnlyList<Choice> OrderStatuses =
    [
        new("1", "New"), new("2", "In process"), new("3", "Wait for manufacturer"), new("4", "Wait for payment"), new("5", "Sent"),
        new("6", "Delivered"), new("7", "Completed"), new("8", "Cancelled"), new("9", "Wait for supplier"), new("10", "Is being packaged"),
        new("11", "Ready to be collected"), new("12", "Is being assembled"), new("13", "Backorder"), new("14", "Reserved"),
    ];

    internal static async Task<Results<Ok<IReadOnlyList<Choice>>, ValidationProblem, ProblemHttpResult>> CcvShopAsync(
        string id, string list, ClaimsPrincipal user, IQuerySession session, CcvShopClient ccv, CancellationToken ct)
    {
        if (list is not ("paymethods" or "orderStatuses" or "categories" or "orders"))
            return Problems.Invalid("list", $"'{list}' is not a list: paymethods, orderStatuses, categories, orders.");
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return Problems.NotFound($"There is no connection '{id}'.");
        try
        {
            IReadOnlyList<Choice> choices = list switch
            {
                "orderStatuses" => OrderStatuses,
                // The order's paymethod is compared with the mapping's shop method (OrderDocument): the same text,
                // the paymethod's combined_name ("Mollie_iDEAL", ccvshop-api.md §4.11), is offered here.
                "paymethods" => (await ccv.ListPaymethodsAsync(connection.ShopAccess(), ct))
                    .Select(p => new Choice(p.CombinedName ?? p.Method
                        ?? p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Label ?? "")).ToList(),
                // The shop's newest orders (the first page, newest first): what an order can be tried with.
                "orders" => await ccv.ListOrdersAsync(connection.ShopAccess(), new CcvOrderFilter(), ct).Take(10)
                    .Select(o => new Choice(o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        OrderText(o))).ToListAsync(ct),
                _ => await ccv.ListCategoriesAsync(connection.ShopAccess(), ct)
                    .Select(c => new Choice(c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Name ?? "")).ToListAsync(ct),
            };
            return TypedResults.Ok(choices);
        }
        catch (Exception e) when (OutboundFailure.Is(e, ct))
        {
            return Problems.Create(StatusCodes.Status502BadGateway, "CCV Shop could not be read", OutboundFailure.Describe(e));
        }
    }

    private static string OrderText(CcvOrder o) => string.Join(" · ", new[]
    {
        o.OrdernumberFull ?? $"{o.Ordernumber}", o.CreateDate?.ToString("yyyy-MM-dd HH:mm",
            System.Globalization.CultureInfo.InvariantCulture),
        o.TotalPrice?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
        OrderStatuses.FirstOrDefault(s => s.Code == $"{o.Status}")?.Description, o.Paid ? "paid" : "not paid",
    }.Where(part => !string.IsNullOrEmpty(part)));

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
