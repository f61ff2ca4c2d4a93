using System.Security.Claims;
using Marten;
using Relay.Api.Clients;
using Relay.Api.Clients.AccountView;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Dashboard.Shell;
using Relay.Api.Features.Connections;

namespace Relay.Api.Dashboard.Setup;

/// <summary>
/// The choices an assistant step offers (VAT codes, ledgers, payment methods, ...), read live through the admin
/// API's lookup handlers. A system not reachable yet, or without such a list, offers no choices: the page then
/// keeps the current codes as its only ones.
/// </summary>
public sealed class SetupLookups(IDocumentSession session, AccountViewClient accountView,
    AdministrationDictionary dictionary, CcvShopClient ccv)
{
    public Task<IReadOnlyList<LookupEndpoints.Choice>> AccountViewAsync(string id, string list,
        ClaimsPrincipal user, CancellationToken ct) =>
        ChoicesAsync(() => LookupEndpoints.AccountViewAsync(id, list, user, session, accountView, dictionary, ct), ct);

    public Task<IReadOnlyList<LookupEndpoints.Choice>> CcvShopAsync(string id, string list, ClaimsPrincipal user,
        CancellationToken ct) =>
        ChoicesAsync(() => LookupEndpoints.CcvShopAsync(id, list, user, session, ccv, ct), ct);

    private static async Task<IReadOnlyList<LookupEndpoints.Choice>> ChoicesAsync<T>(Func<Task<T>> lookup,
        CancellationToken ct) where T : IResult
    {
        try
        {
            return AdminAnswer.Of<IReadOnlyList<LookupEndpoints.Choice>>(await lookup()).Value ?? [];
        }
        catch (Exception e) when (OutboundFailure.Is(e, ct))
        {
            return [];
        }
    }
}
