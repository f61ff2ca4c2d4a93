using Relay.Api.Clients;
using Relay.Api.Clients.AccountView;
using Relay.Domain.Orders;

namespace Relay.Api.Features.Connections;

/// <summary>
/// Checks order settings against the codes the connection's AccountView administration has. A connection
/// without AccountView credentials or authorisation yet is not checked (there is nothing to check against).
/// </summary>
public sealed class SettingsCodes(AccountViewClient accountView, AccountViewTokens tokens)
{
    public sealed record Outcome(IReadOnlyDictionary<string, string[]> Problems, string? Unreachable);

    public async Task<Outcome> CheckAsync(ConnectionDocument connection, OrderFlowSettings settings, string prefix, CancellationToken ct)
    {
        if (connection.AccountViewAccess() is not { } av || !await tokens.HasRefreshTokenAsync(connection.Id, ct)) return new Outcome(new Dictionary<string, string[]>(), null);
        try
        {
            // The five lists are read side by side: a settings change waits for one round trip, not five.
            var lists = await Task.WhenAll(new[] { AvCodeList.VatCodes, AvCodeList.Ledgers, AvCodeList.PaymentTerms, AvCodeList.PaymentMethods, AvCodeList.ShippingMethods }
                .Select(list => SetAsync(av, list, ct)));
            var codes = new KnownCodes(lists[0], lists[1], lists[2], lists[3], lists[4]);
            return new Outcome(OrderSettingsCodeCheck.Problems(settings, codes, prefix), null);
        }
        catch (Exception e) when (OutboundFailure.Is(e, ct))
        {
            return new Outcome(new Dictionary<string, string[]>(), OutboundFailure.Describe(e));
        }
    }

    /// <summary>A list AccountView answers empty is taken as not kept in this administration, and not checked.</summary>
    private async Task<IReadOnlySet<string>?> SetAsync(AccountViewAccess av, AvCodeList list, CancellationToken ct)
    {
        var codes = await accountView.ReadCodesAsync(av, list, ct);
        return codes.Count == 0 ? null : codes.Select(c => c.Code.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
