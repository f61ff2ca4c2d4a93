using Microsoft.AspNetCore.Components;
using Relay.Api.Dashboard.Shell;
using Relay.Api.Features.Connections;
using Relay.Api.Infrastructure.Processing;
using Relay.Domain.Orders;

namespace Relay.Api.Dashboard.Setup;

/// <summary>An assistant step that answers some of the order flow's questions: it saves the connection's whole
/// order settings with those answers through the admin API's handler, the flow left as it is (off until the last
/// step).</summary>
public abstract class OrderStepPage : ConnectionScopedPage
{
    [Inject] protected WorkQueue Queue { get; set; } = default!;
    [Inject] protected SettingsCodes Codes { get; set; } = default!;
    [Inject] protected TimeProvider Clock { get; set; } = default!;
    [Inject] protected SetupLookups Lookups { get; set; } = default!;

    protected bool Saved { get; private set; }

    protected override bool CarriesVersion => true;

    /// <summary>Saves; on a refusal the errors are by field, named as in the order settings ("vatCodes[0].code").
    /// </summary>
    protected async Task<bool> SaveOrdersAsync(OrderFlowSettings settings)
    {
        var answer = AdminAnswer.Of<ConnectionResponse>(await ChangeAsync(() =>
            ConnectionSettingsEndpoints.SetOrderFlowAsync(Id, settings, User, Session, Queue, Codes, Clock, Ct)));
        if (answer.Value is { } saved)
        {
            (Connection, Saved, Errors) = (saved, true, new Dictionary<string, string[]>());
            return true;
        }
        Errors = ProblemsOf(answer).ToDictionary(
            e => e.Key.StartsWith("orders.", StringComparison.Ordinal) ? e.Key["orders.".Length..] : e.Key,
            e => e.Value);
        return false;
    }
}
