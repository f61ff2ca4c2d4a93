using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Features.Tenants;
using Relay.Api.Infrastructure.Http;
using Relay.Api.Infrastructure.Processing;
using Relay.Domain.Customers;
using Relay.Domain.Mapping;
using Relay.Domain.Orders;
using Relay.Domain.OrdersFromAccountView;
using Relay.Domain.OrderStatus;
using Relay.Domain.PersonalData;
using Relay.Domain.Products;
using Relay.Domain.Settings;
using Relay.Domain.Stock;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.Connections;

/// <summary>A connection's flows and settings as one versioned document, its history and restore, flows on and off.</summary>
public static class ConnectionSettingsEndpoints
{
    public static RouteGroupBuilder MapConnectionSettingsEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/connections/{id}").WithTags("Flows and settings");
        group.MapGet("/settings", GetSettingsAsync)
            .WithName("GetSettings")
            .WithSummary("All flow settings of the connection: orders, stock, products, customers, data-mapper overrides")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/settings", ReplaceSettingsAsync)
            .WithName("ReplaceSettings")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Replace all flow settings at once; validated, and checked against AccountView's codes")
            .WithDescription("checkCodes=false skips the check against AccountView's code lists (when AccountView cannot be reached).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPut("/flows/orders", SetOrderFlowAsync)
            .WithName("SetOrderFlow")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Replace the order flow's settings (status filter, document type, debtor, VAT, revenue, mappings)")
            .WithDescription("VAT codes, ledger accounts, payment terms and methods and shipping methods are checked against the connection's AccountView; checkCodes=false skips that.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPut("/flows/products", SetProductFlowAsync)
            .WithName("SetProductFlow")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Replace the product flow's settings (master, update switches, filters, variant scheme, tax tariffs)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/flows/customers", SetCustomerFlowAsync)
            .WithName("SetCustomerFlow")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Replace the customer flow's settings (updates on or off, scan interval)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/flows/orderStatus", SetOrderStatusFlowAsync)
            .WithName("SetOrderStatusFlow")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Replace the order-status flow's settings: AccountView's order states to the shop order")
            .WithDescription("Status mapping, track & trace, invoice note, paid; the AccountView fields it reads.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/flows/ordersFromAccountView", SetOrdersFromAccountViewFlowAsync)
            .WithName("SetOrdersFromAccountViewFlow")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Replace the settings of the flow that creates orders entered in AccountView in the shop")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/retention", SetRetentionAsync)
            .WithName("SetRetention")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Replace how long personal data (default 30 days) and work items (180 days) are kept")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/flows/{flow}/enabled", SwitchFlowAsync)
            .WithName("SwitchFlow")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Switch one flow (orders, stock, products, customers, orderStatus, ordersFromAccountView) on "
                + "or off, keeping its settings")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/settings/history", GetHistoryAsync)
            .WithName("GetSettingsHistory")
            .WithSummary("Every change of the settings, newest first: who, when, which part, the whole before and after")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/settings/history/{version:int}/restore", RestoreAsync)
            .WithName("RestoreSettings")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Restore the settings as they were after an earlier change; recorded as a new change")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public sealed record FlowSwitch([property: System.Text.Json.Serialization.JsonRequired] bool Enabled);

    public sealed record SettingsVersion(int Version, string Part, string ChangedBy, DateTimeOffset ChangedAt, int? RestoredVersion,
        ConnectionSettings Before, ConnectionSettings After);

    internal static async Task<Results<Ok<ConnectionSettings>, ProblemHttpResult>> GetSettingsAsync(
        string id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        await session.LoadConnectionAsync(user, id, ct) is { } connection ? TypedResults.Ok(connection.Settings()) : NotFound(id);

    /// <summary>The settings as saved, and what could not be checked (a code list this administration does not
    /// have).</summary>
    public sealed record SavedSettings(OrderFlowSettings Orders, StockFlowSettings? Stock,
        IReadOnlyList<FieldMapping> Mappings,
        ProductFlowSettings? Products, CustomerFlowSettings? Customers, IReadOnlyList<string> Warnings,
        RetentionSettings? Retention = null, OrderStatusSettings? OrderStatus = null,
        AccountViewOrderSettings? OrdersFromAccountView = null);

    internal static async Task<Results<Ok<SavedSettings>, ValidationProblem, ProblemHttpResult>> ReplaceSettingsAsync(
        string id, ConnectionSettings settings, ClaimsPrincipal user, IDocumentSession session,
        WorkQueue queue, SettingsCodes codes, TimeProvider clock, CancellationToken ct, bool checkCodes = true)
    {
        var problems = new Dictionary<string, string[]>(StaticProblems(settings));
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems);
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return NotFound(id);
        if (await codes.FieldProblemsAsync(connection, settings, null, ct) is { Count: > 0 } fields)
            return TypedResults.ValidationProblem(fields);
        var check = checkCodes ? await CheckCodesAsync(codes, connection, settings.Orders, "orders.", ct)
            : CodeCheck.Skipped;
        if (check.Invalid is { } invalid) return invalid;
        if (check.Unreachable is { } unreachable) return unreachable;
        var before = connection.Settings();
        connection.Apply(settings);
        var saved = await SaveAsync(session, queue, connection, before, "all", user, clock, ct);
        return TypedResults.Ok(new SavedSettings(saved.Orders, saved.Stock, saved.Mappings, saved.Products,
            saved.Customers, check.Warnings, saved.Retention, saved.OrderStatus, saved.OrdersFromAccountView));
    }

    internal static async Task<Results<Ok<ConnectionResponse>, ValidationProblem, ProblemHttpResult>> SetOrderFlowAsync(
        string id, OrderFlowSettings settings, ClaimsPrincipal user, IDocumentSession session,
        WorkQueue queue, SettingsCodes codes, TimeProvider clock,
        CancellationToken ct, bool checkCodes = true)
    {
        if (OrderFlowSettingsCheck.Problems(settings) is { Count: > 0 } invalid) return TypedResults.ValidationProblem(invalid);
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return NotFound(id);
        var before = connection.Settings();
        if (await codes.FieldProblemsAsync(connection, before with { Orders = settings }, "orders",
            ct) is { Count: > 0 } fields)
            return TypedResults.ValidationProblem(fields);
        var check = checkCodes ? await CheckCodesAsync(codes, connection, settings, "", ct) : CodeCheck.Skipped;
        if (check.Invalid is { } refused) return refused;
        if (check.Unreachable is { } unreachable) return unreachable;
        connection.Orders = settings;
        session.Update(connection);
        session.Record(connection, before, "orders", user, clock);
        await queue.ReleaseParkedAsync(session, connection, before, ct);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(connection.ToResponse() with { Warnings = check.Warnings });
    }

    internal static async Task<Results<Ok<ConnectionSettings>, ValidationProblem, ProblemHttpResult>>
        SetProductFlowAsync(
        string id, ProductFlowSettings settings, ClaimsPrincipal user, IDocumentSession session, WorkQueue queue,
            SettingsCodes codes, TimeProvider clock, CancellationToken ct)
    {
        var problems = new Dictionary<string, string[]>(ProductFlowSettingsCheck.Problems(settings));
        if (problems.Count == 0 && await session.LoadConnectionAsync(user, id, ct) is { } connection)
            problems = await codes.FieldProblemsAsync(connection,
                connection.Settings() with { Products = settings }, "products", ct);
        return await SetFlowAsync(id, "products", problems, c => c.Products = settings, user, session, queue, clock,
            ct);
    }

    internal static Task<Results<Ok<ConnectionSettings>, ValidationProblem, ProblemHttpResult>> SetCustomerFlowAsync(
        string id, CustomerFlowSettings settings, ClaimsPrincipal user, IDocumentSession session, WorkQueue queue,
        TimeProvider clock, CancellationToken ct) =>
        SetFlowAsync(id, "customers", CustomerFlowSettingsCheck.Problems(settings), c => c.Customers = settings, user,
            session, queue, clock, ct);

    internal static Task<Results<Ok<ConnectionSettings>, ValidationProblem, ProblemHttpResult>>
        SetOrderStatusFlowAsync(string id, OrderStatusSettings settings, ClaimsPrincipal user, IDocumentSession session,
            WorkQueue queue, SettingsCodes codes, TimeProvider clock, CancellationToken ct) =>
        SetCheckedFlowAsync(id, "orderStatus", OrderStatusSettingsCheck.Problems(settings),
            s => s with { OrderStatus = settings }, c => c.OrderStatus = settings, user, session, queue, codes, clock,
            ct);

    internal static Task<Results<Ok<ConnectionSettings>, ValidationProblem, ProblemHttpResult>>
        SetOrdersFromAccountViewFlowAsync(string id, AccountViewOrderSettings settings, ClaimsPrincipal user,
            IDocumentSession session, WorkQueue queue, SettingsCodes codes, TimeProvider clock, CancellationToken ct) =>
        SetCheckedFlowAsync(id, "ordersFromAccountView", AccountViewOrderSettingsCheck.Problems(settings),
            s => s with { OrdersFromAccountView = settings }, c => c.OrdersFromAccountView = settings, user, session,
            queue, codes, clock, ct);

    /// <summary>A flow's settings that name AccountView fields: checked against the administration's dictionary
    /// too.</summary>
    private static async Task<Results<Ok<ConnectionSettings>, ValidationProblem, ProblemHttpResult>>
        SetCheckedFlowAsync(string id, string part, IReadOnlyDictionary<string, string[]> problems,
            Func<ConnectionSettings, ConnectionSettings> change, Action<ConnectionDocument> apply, ClaimsPrincipal user,
            IDocumentSession session, WorkQueue queue, SettingsCodes codes, TimeProvider clock, CancellationToken ct)
    {
        var found = new Dictionary<string, string[]>(problems);
        if (found.Count == 0 && await session.LoadConnectionAsync(user, id, ct) is { } connection)
            found = await codes.FieldProblemsAsync(connection, change(connection.Settings()), part, ct);
        return await SetFlowAsync(id, part, found, apply, user, session, queue, clock, ct);
    }

    internal static Task<Results<Ok<ConnectionSettings>, ValidationProblem, ProblemHttpResult>> SetRetentionAsync(
        string id, RetentionSettings settings, ClaimsPrincipal user, IDocumentSession session, WorkQueue queue,
        TimeProvider clock, CancellationToken ct) =>
        SetFlowAsync(id, "retention", RetentionSettings.Problems(settings), c => c.Retention = settings, user,
            session, queue, clock, ct);

    /// <summary>Replaces one flow's settings when they are usable, recorded in the history as that part.</summary>
    private static async Task<Results<Ok<ConnectionSettings>, ValidationProblem, ProblemHttpResult>> SetFlowAsync(string id, string part,
        IReadOnlyDictionary<string, string[]> problems, Action<ConnectionDocument> apply, ClaimsPrincipal user,
        IDocumentSession session,
        WorkQueue queue, TimeProvider clock, CancellationToken ct)
    {
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems);
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return NotFound(id);
        var before = connection.Settings();
        apply(connection);
        return TypedResults.Ok(await SaveAsync(session, queue, connection, before, part, user, clock, ct));
    }

    internal static async Task<Results<Ok<ConnectionSettings>, ValidationProblem, ProblemHttpResult>> SwitchFlowAsync(
        string id, string flow, FlowSwitch body, ClaimsPrincipal user, IDocumentSession session,
        WorkQueue queue, TimeProvider clock, CancellationToken ct)
    {
        if (!Enum.TryParse<Flow>(flow, ignoreCase: true, out var which) || !Enum.IsDefined(which) || int.TryParse(flow, out _))
            return Problems.Invalid("flow", $"'{flow}' is not a flow: orders, stock, products, customers, "
                + "orderStatus or ordersFromAccountView.");
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return NotFound(id);
        var before = connection.Settings();
        switch (which)
        {
            case Flow.Orders: connection.Orders = (connection.Orders ?? new OrderFlowSettings()) with { Enabled = body.Enabled }; break;
            case Flow.Stock: connection.Stock = (connection.Stock ?? new StockFlowSettings()) with { Enabled = body.Enabled }; break;
            case Flow.Products: connection.Products = (connection.Products ?? new ProductFlowSettings()) with { Enabled = body.Enabled }; break;
            case Flow.OrderStatus:
                connection.OrderStatus = (connection.OrderStatus ?? new OrderStatusSettings()) with
                {
                    Enabled = body.Enabled,
                };
                break;
            case Flow.OrdersFromAccountView:
                connection.OrdersFromAccountView = (connection.OrdersFromAccountView ?? new AccountViewOrderSettings())
                    with { Enabled = body.Enabled };
                break;
            default: connection.Customers = (connection.Customers ?? new CustomerFlowSettings()) with { Enabled = body.Enabled }; break;
        }
        return TypedResults.Ok(await SaveAsync(session, queue, connection, before, FlowNames.Of(which),
            user, clock, ct));
    }

    internal static async Task<Results<Ok<IReadOnlyList<SettingsVersion>>, ProblemHttpResult>> GetHistoryAsync(
        string id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadConnectionAsync(user, id, ct) is null) return NotFound(id);
        var events = await session.Events.FetchStreamAsync(SettingsChanged.StreamOf(id), token: ct);
        return TypedResults.Ok<IReadOnlyList<SettingsVersion>>(events
            .Where(e => e.Data is SettingsChanged)
            .Select(e => (e.Version, Change: (SettingsChanged)e.Data))
            .OrderByDescending(v => v.Version)
            .Select(v => new SettingsVersion((int)v.Version, v.Change.Part, v.Change.ChangedBy, v.Change.ChangedAt, v.Change.RestoredVersion, v.Change.Before, v.Change.After))
            .ToList());
    }

    internal static async Task<Results<Ok<ConnectionSettings>, ValidationProblem, ProblemHttpResult>> RestoreAsync(
        string id, int version, ClaimsPrincipal user, IDocumentSession session,
        WorkQueue queue, SettingsCodes codes,
            TimeProvider clock,
        CancellationToken ct)
    {
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return NotFound(id);
        var events = await session.Events.FetchStreamAsync(SettingsChanged.StreamOf(id), token: ct);
        if (events.FirstOrDefault(e => e.Version == version)?.Data is not SettingsChanged change)
            return Problems.NotFound($"Connection '{id}' has no settings version {version}.");
        // Rules may have tightened, or the administration changed, since: an old version is validated like a new one.
        if (StaticProblems(change.After) is { Count: > 0 } invalid) return TypedResults.ValidationProblem(invalid);
        if (await codes.FieldProblemsAsync(connection, change.After, null, ct) is { Count: > 0 } fields)
            return TypedResults.ValidationProblem(fields);
        var before = connection.Settings();
        connection.Apply(change.After);
        return TypedResults.Ok(await SaveAsync(session, queue, connection, before, "restore", user, clock, ct,
            restoredVersion: version));
    }

    private static async Task<ConnectionSettings> SaveAsync(IDocumentSession session, WorkQueue queue,
        ConnectionDocument connection, ConnectionSettings before, string part, ClaimsPrincipal user, TimeProvider clock,
        CancellationToken ct, int? restoredVersion = null)
    {
        session.Update(connection);
        session.Record(connection, before, part, user, clock, restoredVersion);
        await queue.ReleaseParkedAsync(session, connection, before, ct);
        // Stock switched off: its writes stop at their next SKU (StockWriter looks before each).
        await session.SaveChangesAsync(ct);
        return connection.Settings();
    }

    internal static IReadOnlyDictionary<string, string[]> StaticProblems(ConnectionSettings settings)
    {
        var problems = new Dictionary<string, string[]>();
        if (settings.Orders is null) problems["orders"] = ["The order settings are required (send the defaults to keep them)."];
        else foreach (var p in OrderFlowSettingsCheck.Problems(settings.Orders, "orders.")) problems[p.Key] = p.Value;
        if (settings.Stock is not null) foreach (var p in StockFlowSettingsCheck.Problems(settings.Stock)) problems["stock." + p.Key] = p.Value;
        if (settings.Products is not null) foreach (var p in ProductFlowSettingsCheck.Problems(settings.Products)) problems["products." + p.Key] = p.Value;
        if (settings.Customers is not null) foreach (var p in CustomerFlowSettingsCheck.Problems(settings.Customers)) problems["customers." + p.Key] = p.Value;
        if (settings.OrderStatus is not null)
            foreach (var p in OrderStatusSettingsCheck.Problems(settings.OrderStatus))
                problems["orderStatus." + p.Key] = p.Value;
        if (settings.OrdersFromAccountView is not null)
            foreach (var p in AccountViewOrderSettingsCheck.Problems(settings.OrdersFromAccountView))
                problems["ordersFromAccountView." + p.Key] = p.Value;
        if (settings.Retention is not null)
            foreach (var p in RetentionSettings.Problems(settings.Retention)) problems["retention." + p.Key] = p.Value;
        foreach (var p in FieldMappingCheck.Problems(settings.Mappings ?? [])) problems[p.Key] = p.Value;
        return problems;
    }

    /// <summary>What the code check found: codes AccountView lacks (400), AccountView out of reach (503), lists it
    /// skipped.</summary>
    internal sealed record CodeCheck(ValidationProblem? Invalid, ProblemHttpResult? Unreachable,
        IReadOnlyList<string> Warnings)
    {
        public static readonly CodeCheck Skipped = new(null, null, []);
    }

    internal static async Task<CodeCheck> CheckCodesAsync(
        SettingsCodes codes, ConnectionDocument connection, OrderFlowSettings settings, string prefix, CancellationToken ct)
    {
        var outcome = await codes.CheckAsync(connection, settings, prefix, ct);
        if (outcome is { Refused: true, Unreachable: { } refusal })
            return new CodeCheck(null, Problems.Create(StatusCodes.Status502BadGateway, "AccountView refused the check",
                $"AccountView would not let Relay read its codes ({refusal}). Nothing was changed. Authorise Relay "
                    + $"again, or send checkCodes=false."),
                []);
        if (outcome.Unreachable is { } why)
            return new CodeCheck(null,
                Problems.Create(StatusCodes.Status503ServiceUnavailable, "AccountView could not be reached",
                $"The codes in the settings could not be checked against AccountView ({why}). Nothing was changed. "
                    + $"Try again, or send checkCodes=false."),
                []);
        return new CodeCheck(outcome.Problems.Count > 0 ? TypedResults.ValidationProblem(outcome.Problems) : null,
            null, outcome.Warnings);
    }

    private static ProblemHttpResult NotFound(string id) => Problems.NotFound($"There is no connection '{id}'.");
}
