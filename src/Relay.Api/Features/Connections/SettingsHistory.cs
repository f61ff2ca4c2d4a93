using System.Security.Claims;
using Marten;
using Relay.Domain.Settings;

namespace Relay.Api.Features.Connections;

/// <summary>Records every change of a connection's settings as an event on its settings stream, in the same transaction.</summary>
public static class SettingsHistory
{
    /// <summary>Call after changing the connection, before SaveChanges: appends the change when something differs.</summary>
    public static void Record(this IDocumentSession session, ConnectionDocument connection, ConnectionSettings before, string part,
        ClaimsPrincipal user, TimeProvider clock, int? restoredVersion = null, bool always = false) =>
        session.Record(connection, before, part, user.Identity?.Name ?? "unknown", clock, restoredVersion, always);

    public static void Record(this IDocumentSession session, ConnectionDocument connection, ConnectionSettings before, string part,
        string changedBy, TimeProvider clock, int? restoredVersion = null, bool always = false)
    {
        var after = connection.Settings();
        if (!always && Same(before, after)) return;
        session.Events.Append(SettingsChanged.StreamOf(connection.Id),
            new SettingsChanged(connection.Id, part, changedBy, clock.GetUtcNow(), before, after, restoredVersion));
    }

    // Records compare their lists by reference: compared as JSON instead.
    private static bool Same(ConnectionSettings a, ConnectionSettings b) =>
        System.Text.Json.JsonSerializer.Serialize(a) == System.Text.Json.JsonSerializer.Serialize(b);
}
