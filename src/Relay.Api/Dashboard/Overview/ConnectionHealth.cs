using System.Security.Claims;
using Marten;
using Relay.Api.Dashboard.Shell;
using Relay.Api.Features.Alerts;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Tenants;
using Relay.Domain.Alerts;
using Relay.Domain.Settings;
using Relay.Domain.WorkItems;

namespace Relay.Api.Dashboard.Overview;

/// <summary>One connection at a glance, put together from what the admin API answers: its settings (which flows
/// are on), its stats (30 days per flow), its alert rules and what the alert watch looks at (stalled work, how
/// calls to the two systems went).</summary>
public sealed record ConnectionHealth(
    ConnectionResponse Connection,
    ConnectionSettings Settings,
    ConnectionStats.StatsResponse Stats,
    IReadOnlyList<UnfinishedWork> Stalled,
    IReadOnlyList<SystemContact> Systems,
    int StallMinutes)
{
    public const int ChartDays = 30;

    public bool IsOn(Flow flow) => flow switch
    {
        Flow.Orders => Settings.Orders.Enabled,
        Flow.Stock => Settings.Stock?.Enabled == true,
        Flow.Products => Settings.Products?.Enabled == true,
        Flow.OrderStatus => Settings.OrderStatus?.Enabled == true,
        Flow.OrdersFromAccountView => Settings.OrdersFromAccountView?.Enabled == true,
        _ => Settings.Customers?.Enabled == true,
    };

    public SystemContact? System(string name) => Systems.FirstOrDefault(s => s.System == name);

    /// <summary>Every flow's counts of one day added up, for the chart.</summary>
    public IReadOnlyList<ConnectionStats.DayCounts> Days => Stats.Flows.SelectMany(f => f.Days).GroupBy(d => d.Day)
        .OrderBy(g => g.Key)
        .Select(g => new ConnectionStats.DayCounts(g.Key, g.Sum(d => d.Received), g.Sum(d => d.Succeeded),
            g.Sum(d => d.Skipped), g.Sum(d => d.Failed), g.Sum(d => d.Pending))).ToList();

    public ConnectionStats.DayCounts Today => Days[^1];

    /// <summary>The connection's health, or null when there is none the caller may see.</summary>
    public static async Task<ConnectionHealth?> ReadAsync(string id, ClaimsPrincipal user, IQuerySession session,
        TimeProvider clock, AlertObservationReader watch, CancellationToken ct)
    {
        var connection = AdminAnswer.Of<ConnectionResponse>(
            await ConnectionEndpoints.GetConnectionAsync(id, user, session, ct)).Value;
        if (connection is null) return null;
        var settings = AdminAnswer.Of<ConnectionSettings>(
            await ConnectionSettingsEndpoints.GetSettingsAsync(id, user, session, ct)).Value!;
        var stats = AdminAnswer.Of<ConnectionStats.StatsResponse>(
            await ConnectionStats.GetStatsAsync(id, user, session, clock, ct, ChartDays)).Value!;
        var alerts = AdminAnswer.Of<AlertSettingsResponse>(
            await AlertEndpoints.GetAlertSettingsAsync(id, user, session, ct)).Value!;
        var document = (await session.LoadConnectionAsync(user, id, ct))!;
        var seen = await watch.ReadAsync(document, alerts.Rules, clock.GetUtcNow(), ct);
        return new ConnectionHealth(connection, settings, stats, seen.Unfinished, seen.Systems,
            alerts.Rules.StallMinutes);
    }
}
