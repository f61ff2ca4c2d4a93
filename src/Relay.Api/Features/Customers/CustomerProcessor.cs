using Marten;
using Relay.Api.Clients.AccountView;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Orders;
using Relay.Api.Features.WorkItems;
using Relay.Api.Infrastructure.Processing;
using Relay.Domain.Customers;
using Relay.Domain.Orders;
using Relay.Domain.Products;
using Relay.Domain.WorkItems;
using Relay.Domain.PersonalData;

namespace Relay.Api.Features.Customers;

/// <summary>
/// One shop customer (a user, ccvshop-api.md §4.4) to an AccountView debtor: re-read the user, find the
/// debtor by e-mail, and create, update or leave it as the rules (Relay.Domain) decide. Holds the same
/// per-customer lock as the order flow, so the two never both create the debtor.
/// </summary>
public sealed class CustomerProcessor(IDocumentStore store, CcvShopClient ccv, AccountViewClient accountView,
    ClusterLocks locks,
    AdministrationDictionary dictionary, WorkQueue queue, TimeProvider clock)
    : CatalogueProcessorBase(store, queue, clock)
{
    protected override Flow FlowOf(WorkItem item) => Flow.Customers;

    protected override async Task<ICatalogueOutcome> RunAsync(WorkItem item, ConnectionDocument connection,
        CancellationToken ct)
    {
        if (await dictionary.AccessAsync(connection, ct) is not { } av)
            return Failed(item, "The connection has no AccountView credentials.", null, permanent: true);
        if (!long.TryParse(item.EntityId, out var userId)) return Failed(item, $"'{item.EntityId}' is not a CCV Shop user id.", null, permanent: true);
        CcvUser user;
        try
        {
            user = await ccv.GetUserAsync(connection.ShopAccess(), userId, ct);
        }
        catch (CcvShopException e) when (e.Status == 404)
        {
            return Skipped(item, $"The shop has no customer {userId} (any more); the debtor is left in AccountView.");
        }
        var (customer, billing) = ShopOrderReader.CustomerOf(user.Userinfo);
        var orders = connection.Orders ?? new OrderFlowSettings();
        await using (await locks.HoldAsync(CustomerLock.Name(connection.Id, customer.Email), ct))
        {
            var found = string.IsNullOrWhiteSpace(customer.Email) ? null : await accountView.FindDebtorByEmailAsync(av, customer.Email, ct);
            var existing = found?.Fields.ToDictionary(f => f.Key.ToUpperInvariant(), f => f.Value?.ToString(), StringComparer.OrdinalIgnoreCase);
            var decision = CustomerRules.Decide(customer, string.IsNullOrWhiteSpace(billing.StreetLine + billing.City) ? null : billing,
                found?["SUB_NR"], existing, connection.Customers ?? new CustomerFlowSettings(), orders);
            var now = Clock.GetUtcNow();
            var onRecord = CustomerOnRecord.Of(customer, billing); // masked after the connection's retention
            switch (decision)
            {
                case CustomerDecision.Create c:
                {
                    var (fields, notes) = Fit(av, c.Fields);
                    var created = await accountView.CreateDebtorAsync(av, customer.Email, fields, ct);
                    return new CatalogueSynced(item.Id, $"debtor {created["SUB_NR"]}", ["created"],
                        [c.Reason, .. notes], now, Customer: onRecord);
                }
                case CustomerDecision.Update u:
                {
                    // A field the administration lacks is never written, so it never counts as changed.
                    var (fields, notes) = Fit(av, u.Changed);
                    if (fields.Count == 0)
                        return new CatalogueSynced(item.Id, $"debtor {u.Number}", [],
                            [$"Debtor {u.Number} differs only in fields "
                            + "this administration does not have; nothing was written.", .. notes], now,
                            Customer: onRecord);
                    await accountView.UpdateDebtorAsync(av, u.Number, fields, ct);
                    return new CatalogueSynced(item.Id, $"debtor {u.Number}", fields.Select(f => f.Name).ToList(),
                        [u.Reason, .. notes], now, Customer: onRecord);
                }
                case CustomerDecision.LeaveAlone l:
                    return new CatalogueSynced(item.Id, $"debtor {l.Number}", [], [l.Reason], now,
                        Customer: onRecord);
                default:
                    return Skipped(item, decision.Reason);
            }
        }
    }

    private (IReadOnlyList<AvField> Fields, IReadOnlyList<string> Notes) Fit(AccountViewAccess av,
        IEnumerable<(string Field, string Value)> fields) =>
        AccountViewFit.Apply(av.Fields, accountView.Schema.DebtorTable,
            fields.Select(f => AvField.Text(f.Field, f.Value)).ToList());
}
