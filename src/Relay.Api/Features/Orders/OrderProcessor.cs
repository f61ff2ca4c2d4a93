using System.Runtime.CompilerServices;
using Marten;
using Microsoft.Extensions.Caching.Memory;
using Relay.Api.Infrastructure.Caching;
using Relay.Api.Clients;
using Relay.Api.Clients.AccountView;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Customers;
using Relay.Api.Infrastructure.Processing;
using Relay.Api.Features.WorkItems;
using Relay.Api.Features.OrdersFromAccountView;
using Relay.Api.Features.OrderStatus;
using Relay.Domain.OrdersFromAccountView;
using Relay.Domain.Mapping;
using Relay.Domain.Orders;
using Relay.Domain.WorkItems;
using Relay.Domain.PersonalData;

namespace Relay.Api.Features.Orders;

/// <summary>
/// Runs one order's pending work: re-read it from the shop, apply the rules (Relay.Domain), write what
/// they decided to AccountView, and record every decision and the outcome on the order's stream.
/// Safe to run again at any point: AccountView is checked for the order before anything is created.
/// </summary>
public sealed class OrderProcessor(IDocumentStore store, ShopOrderReader reader, AccountViewClient accountView,
    ClusterLocks locks, WorkQueue queue,
    AdministrationDictionary dictionary, TimeProvider clock, ILogger<OrderProcessor> logger,
    [FromKeyedServices(RelayMemory.Key)] IMemoryCache memory) : IWorkProcessor
{
    // Articles found in AccountView a moment ago exist still (they are not deleted while sold): skip the look-up.
    private static readonly TimeSpan KnownArticleLifetime = TimeSpan.FromMinutes(10);

    public async Task ProcessAsync(string key, CancellationToken ct)
    {
        WorkItem? item;
        ConnectionDocument? connection;
        await using (var query = store.QuerySession())
        {
            item = await query.LoadAsync<WorkItem>(key, ct);
            if (item is null || !item.NeedsProcessing || item.Flow != Flow.Orders || item.Entity != ShopEntity.Order) return;
            connection = await query.LoadAsync<ConnectionDocument>(item.ConnectionId, ct);
        }
        // A switched-off flow leaves its work pending: switch it on and replay to run it.
        if (connection is null || connection.Orders is { Enabled: false }) return;

        var outcome = await DecideAndSendAsync(item, connection, null, ct);
        await AppendAsync(key, outcome, ct);
        OrderLog.Outcome(logger, key, outcome);
    }

    public async Task RecordTemporaryFailureAsync(string key, string reason, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        if (await query.LoadAsync<WorkItem>(key, ct) is not { NeedsProcessing: true } item) return;
        await AppendAsync(key, Failed(item, reason, null, permanent: false), ct);
    }

    /// <summary>
    /// What running this order now would do, with the connection's settings of today (or the mappings given):
    /// AccountView is read as in a real run, but nothing is written, and nothing is recorded.
    /// </summary>
    public async Task<OrderDryRun> DryRunAsync(ConnectionDocument connection, WorkKey key,
        IReadOnlyList<FieldMapping>? mappings, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var item = new WorkItem(key.ToString(), connection.Id, Flow.Orders, ShopEntity.Order, key.EntityId,
            WorkStatus.Received, 0, 0, null, now, now, []);
        if (mappings is not null) connection.Mappings = mappings;
        var capture = new DryRunCapture();
        var outcome = await DecideAndSendAsync(item, connection, capture, ct);
        return new OrderDryRun(key.ToString(), outcome switch
            {
                OrderSent => "would be sent",
                OrderSkipped => "would be skipped",
                OrderFailed { Permanent: true } => "would fail",
                _ => "would fail and be retried",
            },
            (outcome as OrderSkipped)?.Reason ?? (outcome as OrderFailed)?.Reason,
            capture.Decided?.Decisions ?? [], capture.AccountView.Requests);
    }

    private sealed class DryRunCapture
    {
        public AccountViewDryRun AccountView { get; } = new();
        public OrderDecided? Decided { get; set; }
    }

    private async Task<IOrderOutcome> DecideAndSendAsync(WorkItem item, ConnectionDocument connection,
        DryRunCapture? dryRun, CancellationToken ct)
    {
        var number = new StrongBox<string?>();
        var outcome = await DecideAndSendAsync(item, connection, dryRun, number, ct);
        // The shop's order number, once read, names skipped and failed work too (the activity log finds it by it).
        return (outcome, number.Value) switch
        {
            (OrderSkipped skipped, { } read) => skipped with { OrderNumber = read },
            (OrderFailed failed, { } read) => failed with { OrderNumber = read },
            _ => outcome,
        };
    }

    private async Task<IOrderOutcome> DecideAndSendAsync(WorkItem item, ConnectionDocument connection,
        DryRunCapture? dryRun, StrongBox<string?> orderNumber, CancellationToken ct)
    {
        var settings = connection.Orders ?? new OrderFlowSettings();
        var mappings = connection.Mappings;
        try
        {
            if (!long.TryParse(item.EntityId, out var orderId)) return Failed(item, $"'{item.EntityId}' is not a CCV Shop order id.", null, permanent: true);
            var read = await reader.ReadAsync(connection.ShopAccess(), orderId, ct);
            orderNumber.Value = read.OrderNumber;
            if (await MadeFromAccountViewAsync(connection, read, ct) is { } made)
                return new OrderSkipped(item.Id, made, clock.GetUtcNow());
            if (OrderFilter.ReasonToSkip(read, settings) is { } reason)
                return new OrderSkipped(item.Id, reason, clock.GetUtcNow());
            if (connection.AccountViewAccess() is not { } access)
                return Failed(item, "The connection has no AccountView credentials.", null, permanent: true);
            var av = dryRun is null ? access : access with { DryRun = dryRun.AccountView };
            var codes = ArticleCodes.Resolve(read, settings);
            if (codes.RowsWithout.Count > 0) return Failed(item, ArticleCodes.Reason(codes.RowsWithout), null,
                permanent: true);
            var order = codes.Order;

            // Everything is read and checked before anything is written: an order that cannot go leaves nothing behind.
            // The reads do not depend on each other, so they run side by side; the administration's dictionary
            // (read from AccountView the first time) matters to the writes only.
            var fieldsRead = dictionary.GetAsync(connection, ct);
            var existingRead = settings.Document == DocumentKind.SalesOrder
                ? accountView.FindSalesOrderAsync(av, order.OrderNumber, ct)
                : accountView.FindSalesInvoiceAsync(av, order.OrderNumber, ct);
            var debtorRead = string.IsNullOrWhiteSpace(settings.DefaultDebtor)
                ? accountView.FindDebtorByEmailAsync(av, order.Customer.Email, ct)
                : Task.FromResult<AvRow?>(null);
            var missingRead = MissingArticlesAsync(av, order, settings, ct);
            await Task.WhenAll(existingRead, debtorRead, missingRead, fieldsRead);
            if (existingRead.Result is { } existing) return AlreadyThere(item, order, settings, existing);
            av = av with { Fields = fieldsRead.Result?.Fields };
            var missing = missingRead.Result;
            if (missing.Count > 0 && !settings.CreateMissingArticles)
                return Failed(item,
                    $"Articles missing in AccountView: {string.Join(", ", missing)}. Add them (or allow Relay to "
                        + $"create them) "
                    + "and replay. Nothing was written.", null, permanent: true);

            foreach (var code in missing)
                await accountView.CreateArticleAsync(av, code,
                    [AvField.Text("ART_DESC1", order.Lines.FirstOrDefault(l => l.ArticleCode == code)?.Description
                        ?? code)], ct);
            string debtor, debtorWhy;
            await using (await locks.HoldAsync(CustomerLock.Name(connection.Id, order.Customer.Email), ct))
                (debtor, debtorWhy) = await ResolveDebtorAsync(av, order, settings, mappings, debtorRead.Result, ct);
            var deliveryCode = await DeliveryAddressAsync(av, order, debtor, ct);
            var document = OrderDocumentBuilder.Build(order, settings, debtor, deliveryCode);
            var toSend = AccountViewDocuments.From(document, settings.SalesJournal, mappings,
                MappingSources.Of(order, debtor));
            var (fitted, fitNotes) = AccountViewDocuments.Fit(toSend, document.Kind, av.Fields, accountView.Schema);
            // The decisions are on record before anything is sent, so an interrupted run is recognised.
            var decided = new OrderDecided(item.Id, order.OrderNumber, debtor, document,
                [.. codes.Decisions, debtorWhy, .. document.Decisions, .. fitNotes], clock.GetUtcNow(),
                CustomerOnRecord.Of(order.Customer, order.Billing)); // masked after the connection's retention
            // With the decision, the webshop order number is known as Relay's: the sales order about to exist is
            // followed by the order-status flow, and never taken for one entered in AccountView.
            if (dryRun is null)
                await WorkStreams.AppendAsync(store, [(item.Id, decided)], ct, session =>
                {
                    session.Store(new RelayOrderDocument
                    {
                        Id = RelayOrderDocument.IdOf(connection.Id, order.OrderNumber), ConnectionId = connection.Id,
                        OrderNumber = order.OrderNumber, ShopOrderId = orderId, OrderKey = item.Id,
                        DecidedAt = decided.At,
                    });
                    return Task.CompletedTask;
                });
            else dryRun.Decided = decided;

            var created = document.Kind == DocumentKind.SalesOrder
                ? await accountView.CreateSalesOrderAsync(av, fitted, ct)
                : await accountView.CreateSalesInvoiceAsync(av, fitted, ct);
            return new OrderSent(item.Id, order.OrderNumber, document.Kind, Number(created, settings), debtor, "created", clock.GetUtcNow());
        }
        catch (AccountViewException e) when (e.IsPermanent)
        {
            return Failed(item, "AccountView refused the order.", e.AccountViewMessage, permanent: true);
        }
        catch (AccountViewAuthorizationException e)
        {
            return Failed(item, e.Message, null, permanent: true);
        }
        catch (CcvShopException e) when (e.Status == 404)
        {
            return Failed(item, $"CCV Shop has no order {item.EntityId}.", null, permanent: true);
        }
        catch (Exception e) when (OutboundFailure.Is(e, ct))
        {
            return Failed(item, $"Temporary failure: {OutboundFailure.Reason(e)}",
                (e as AccountViewException)?.AccountViewMessage, permanent: false);
        }
    }

    /// <summary>
    /// The shop order is one Relay created from an AccountView sales order (its reservationnumber names it, and Relay
    /// has the record): it is not sent back. Checked whether that flow is on now or not.
    /// </summary>
    private async Task<string?> MadeFromAccountViewAsync(ConnectionDocument connection, ShopOrder order,
        CancellationToken ct)
    {
        if (SalesOrderRules.NumberOf(order.Reference, connection.OrdersFromAccountView
                ?? new AccountViewOrderSettings()) is not { } number) return null;
        await using var query = store.QuerySession();
        return await query.LoadAsync<ShopOrderFromAccountViewDocument>(
                ShopOrderFromAccountViewDocument.IdOf(connection.Id, number), ct) is null ? null
            : $"Relay created this order in the shop from AccountView sales order {number}: it is not sent back to "
                + "AccountView.";
    }

    /// <summary>Rule 2: AccountView has the order. After our own interrupted attempt that is a success; otherwise a skip.</summary>
    private IOrderOutcome AlreadyThere(WorkItem item, ShopOrder order, OrderFlowSettings settings, AvRow existing) =>
        item.Decided
            ? new OrderSent(item.Id, order.OrderNumber, settings.Document, Number(existing, settings), "", "found in AccountView after an interrupted attempt", clock.GetUtcNow())
            : new OrderSkipped(item.Id, $"AccountView already has {(settings.Document == DocumentKind.SalesOrder ? "sales order" : "invoice")} {Number(existing, settings)} for webshop order {order.OrderNumber}.", clock.GetUtcNow());

    /// <param name="found">The debtor with the customer's e-mail when the checks read it; looked for again before
    /// one is
    /// created, under the customer's lock, since another order of the same customer may just have created it.</param>
    private async Task<(string Number, string Why)> ResolveDebtorAsync(AccountViewAccess av, ShopOrder order, OrderFlowSettings settings,
        IReadOnlyList<FieldMapping> mappings, AvRow? found, CancellationToken ct)
    {
        if (found is null && string.IsNullOrWhiteSpace(settings.DefaultDebtor))
            found = await accountView.FindDebtorByEmailAsync(av, order.Customer.Email, ct);
        var decision = DebtorDecision.For(order, settings, found?["SUB_NR"]);
        var vatCode = TaxRules.VatCode(order, TaxRules.MainRate(order), settings).Code;
        switch (decision)
        {
            case DebtorDecision.UseDefault d:
                return (d.Number, d.Reason);
            case DebtorDecision.UseExisting { Update: true } e:
            {
                // Only what differs, and only fields the administration has: no needless change (or change date) in
                // AccountView.
                var (fields, notes) = AccountViewFit.Apply(av.Fields, accountView.Schema.DebtorTable,
                    Fields(order, settings, order.Customer.IsCompany, vatCode, mappings, e.Number));
                var changed = fields
                    .Where(f => f.Name != "SRC_CODE"
                        && !string.Equals(found![f.Name]?.Trim(), f.AsText?.Trim(), StringComparison.OrdinalIgnoreCase))
                    .ToList();
                if (changed.Count == 0) return (e.Number, $"{e.Reason} Nothing differed, so nothing was written.");
                await accountView.UpdateDebtorAsync(av, e.Number, changed, ct);
                return (e.Number,
                    $"{e.Reason} Changed: {string.Join(", ", changed.Select(f => f.Name))}.{Notes(notes)}");
            }
            case DebtorDecision.UseExisting e:
                return (e.Number, e.Reason);
            case DebtorDecision.Create c:
            {
                var (fields, notes) = AccountViewFit.Apply(av.Fields, accountView.Schema.DebtorTable,
                    Fields(order, settings, c.AsCompany, vatCode, mappings, null));
                var created = await accountView.CreateDebtorAsync(av, order.Customer.Email, fields, ct);
                return (created["SUB_NR"]!, $"{c.Reason} Number {created["SUB_NR"]}.{Notes(notes)}");
            }
            default:
                throw new InvalidOperationException("Unknown debtor decision.");
        }
    }

    private static string Notes(IReadOnlyList<string> notes) => notes.Count == 0 ? "" : " " + string.Join(" ", notes);

    /// <summary>The debtor's fields by the rules, then the data mapper's overrides of "debtor.*".</summary>
    private static IReadOnlyList<AvField> Fields(ShopOrder order, OrderFlowSettings settings, bool asCompany,
        string vatCode,
        IReadOnlyList<FieldMapping> mappings, string? debtorNumber) =>
        FieldMapping.Apply(mappings, MappingSources.DebtorObject, DebtorDecision.Fields(order, settings, asCompany, vatCode), MappingSources.Of(order, debtorNumber))
            .Select(f => AvField.Text(f.Field, f.Value)).ToList();

    private async Task<IReadOnlyList<string>> MissingArticlesAsync(AccountViewAccess av, ShopOrder order, OrderFlowSettings settings, CancellationToken ct)
    {
        var wanted = OrderDocumentBuilder.MissingArticles(order, settings, new HashSet<string>());
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var now = clock.GetUtcNow();
        foreach (var code in wanted)
        {
            var cacheKey = $"article-seen|{av.ConnectionId}|{code}";
            if (memory.TryGetValue(cacheKey, out _))
                known.Add(code);
            else if (await accountView.FindArticleAsync(av, code, ct) is not null)
            {
                known.Add(code);
                memory.Remember(cacheKey, true, now + KnownArticleLifetime);
            }
        }
        return OrderDocumentBuilder.MissingArticles(order, settings, known);
    }

    /// <summary>A delivery address is made when the order has one of its own; an existing identical one is reused.</summary>
    private async Task<string?> DeliveryAddressAsync(AccountViewAccess av, ShopOrder order, string debtor, CancellationToken ct)
    {
        if (order.Delivery is not { } d || d == order.Billing) return null;
        var existing = (await accountView.GetDeliveryAddressesAsync(av, debtor, ct))
            .FirstOrDefault(a => a["ADDRESS1"] == d.StreetLine && string.Equals(a["POST_CODE"], d.Zipcode, StringComparison.OrdinalIgnoreCase));
        if (existing is not null) return existing["REC_ID"];
        var created = await accountView.CreateDeliveryAddressAsync(av, debtor,
            [AvField.Text("DEL_NAME", d.Company ?? d.Name), AvField.Text("ADDRESS1", d.StreetLine), AvField.Text("POST_CODE", d.Zipcode),
             AvField.Text("CITY", d.City), AvField.Text("CNT_CODE", d.CountryCode)], ct);
        return created["REC_ID"];
    }

    private OrderFailed Failed(WorkItem item, string reason, string? accountViewMessage, bool permanent)
    {
        var now = clock.GetUtcNow();
        var (why, final, next) = RetrySchedule.Failure(reason, permanent, item.Attempts, now);
        return new OrderFailed(item.Id, why, accountViewMessage, final, next, now);
    }

    private static string Number(AvRow row, OrderFlowSettings settings) =>
        (settings.Document == DocumentKind.SalesOrder ? row["ORD_NR"] : row["INV_NR"]) ?? "";

    private Task AppendAsync(string key, IOrderOutcome outcome, CancellationToken ct) =>
        queue.AppendOutcomeAsync(key, outcome, ct);
}

/// <summary>What a replay of an order would do now: the outcome, the reasons, and the AccountView writes it would send.</summary>
public sealed record OrderDryRun(string Key, string Outcome, string? Reason, IReadOnlyList<string> Decisions, IReadOnlyList<PlannedRequest> Requests);
