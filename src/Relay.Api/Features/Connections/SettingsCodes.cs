using Relay.Api.Clients;
using Relay.Api.Clients.AccountView;
using Relay.Domain.Orders;
using Relay.Domain.Settings;

namespace Relay.Api.Features.Connections;

/// <summary>
/// Checks settings against the connection's AccountView administration: the codes they name (VAT codes, ledgers,
/// payment terms and methods, shipping methods) and the fields they name (data dictionary). A connection without
/// AccountView credentials or authorisation yet is not checked (there is nothing to check against).
/// </summary>
public sealed class SettingsCodes(AccountViewClient accountView, AccountViewTokens tokens,
    AdministrationDictionary dictionary)
{
    /// <param name="Unreachable">Set when AccountView could not be reached, or refused Relay's read (then
    /// <see cref="Refused"/>): the settings could not be checked.</param>
    /// <param name="Warnings">Lists that were not checked because this administration does not have them.</param>
    public sealed record Outcome(IReadOnlyDictionary<string, string[]> Problems, string? Unreachable,
        IReadOnlyList<string> Warnings)
    {
        public bool Refused { get; init; }
    }

    private static readonly AvCodeList[] Lists =
        [AvCodeList.VatCodes, AvCodeList.Ledgers, AvCodeList.PaymentTerms, AvCodeList.PaymentMethods,
            AvCodeList.ShippingMethods];

    public async Task<Outcome> CheckAsync(ConnectionDocument connection, OrderFlowSettings settings, string prefix, CancellationToken ct)
    {
        if (connection.AccountViewAccess() is not { } av || !await tokens.HasRefreshTokenAsync(connection.Id, ct))
            return new Outcome(new Dictionary<string, string[]>(), null, []);
        var known = (await dictionary.GetAsync(connection, ct))?.Fields;
        try
        {
            // The five lists are read side by side: a settings change waits for one round trip, not five.
            var lists = await Task.WhenAll(Lists.Select(list => SetAsync(av, list, known, ct)));
            var codes = new KnownCodes(lists[0].Codes, lists[1].Codes, lists[2].Codes, lists[3].Codes, lists[4].Codes);
            return new Outcome(OrderSettingsCodeCheck.Problems(settings, codes, prefix), null,
                lists.Select(l => l.Warning).OfType<string>().ToList());
        }
        catch (Exception e) when (OutboundFailure.Is(e, ct))
        {
            // AccountView answered, but would not let Relay read: it was reached, the credentials are the problem.
            var refused = e is AccountViewAuthorizationException or AccountViewException { Status: 401 or 403 };
            return new Outcome(new Dictionary<string, string[]>(), OutboundFailure.Describe(e),
                []) { Refused = refused };
        }
    }

    /// <summary>
    /// Fields the settings name that the administration's dictionary lacks; nothing when it could not be read. With a
    /// part ("orders", "stock", "products", "mappings") only that part's problems, named as in that part's own body.
    /// </summary>
    public async Task<Dictionary<string, string[]>> FieldProblemsAsync(ConnectionDocument connection,
        ConnectionSettings settings,
        string? part, CancellationToken ct)
    {
        if (connection.AccountViewAccess() is null || !await tokens.HasRefreshTokenAsync(connection.Id, ct)) return [];
        if ((await dictionary.GetAsync(connection, ct))?.Fields is not { } fields) return [];
        var all = SettingsFieldCheck.Problems(settings, fields);
        return part switch
        {
            null => all,
            "mappings" => all.Where(p => p.Key.StartsWith("mappings", StringComparison.Ordinal)).ToDictionary(),
            // The order settings choose the document, so the tables the mapper's order.* and line.* overrides write.
            "orders" => all.Where(p => p.Key.StartsWith("orders.", StringComparison.Ordinal)
                || p.Key.StartsWith("mappings", StringComparison.Ordinal))
                .ToDictionary(p => p.Key.StartsWith("orders.", StringComparison.Ordinal) ? p.Key["orders.".Length..]
                    : p.Key, p => p.Value),
            _ => all.Where(p => p.Key.StartsWith(part + ".", StringComparison.Ordinal)).ToDictionary(p =>
                p.Key[(part.Length + 1)..], p => p.Value),
        };
    }

    /// <summary>
    /// A list AccountView answers empty is taken as not kept in this administration, and not checked. So is one
    /// whose business
    /// object the administration does not have (§3.3: the code-list objects are not public) or that AccountView
    /// refuses.
    /// </summary>
    private async Task<(IReadOnlySet<string>? Codes, string? Warning)> SetAsync(AccountViewAccess av, AvCodeList list,
        Relay.Domain.Mapping.AdministrationFields? known, CancellationToken ct)
    {
        var bo = accountView.Schema.BusinessObjectOf(list);
        if (known is not null && !known.HasObject(bo))
            return (null, NotAvailable(list, bo, "it has no such business object"));
        try
        {
            var codes = await accountView.ReadCodesAsync(av, list, ct);
            return (codes.Count == 0 ? null
                : codes.Select(c => c.Code.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase), null);
        }
        catch (AccountViewException e) when (e.IsPermanent && e.Status is not (401 or 403))
        {
            return (null, NotAvailable(list, bo, $"AccountView: {e.AccountViewMessage}"));
        }
    }

    private static string NotAvailable(AvCodeList list, string bo, string why) =>
        $"{list} ({bo}) is not available in this administration ({why}): those codes were not checked.";
}
