using Marten;
using Relay.Api.Features.Connections;
using Relay.Domain.Alerts;

namespace Relay.Api.Features.Alerts;

/// <summary>An alert's message, queued once for each of the connection's channels.</summary>
public static class AlertNotices
{
    public static IReadOnlyList<AlertNoticeDocument> Queue(IDocumentSession session, ConnectionDocument connection,
        AlertSetup setup, string? alertId, AlertProblem problem, AlertNoticeKind kind, DateTimeOffset now,
        IConfiguration configuration)
    {
        var root = $"{configuration["Relay:PublicBaseUrl"]?.TrimEnd('/')}/api/work-items";
        var audit = problem.ItemKey is { } key ? $"{root}/{Uri.EscapeDataString(key)}" : null;
        var replay = audit is null || problem.Trigger != AlertTrigger.WorkFailed ? null : $"{audit}/replay";
        var message = AlertText.Compose(kind, $"{connection.Name} ({connection.Id})", problem, audit, replay);
        var channels = new List<AlertChannel>();
        if (setup.Email is not null) channels.Add(AlertChannel.Email);
        if (setup.Webhook is not null) channels.Add(AlertChannel.Webhook);
        var notices = channels.Select(channel => new AlertNoticeDocument
        {
            Id = Guid.NewGuid().ToString("n"), ConnectionId = connection.Id, AlertId = alertId, Kind = kind,
            Channel = channel, Problem = problem, Message = message, AuditUrl = audit, ReplayUrl = replay,
            Status = NoticeStatus.Pending, CreatedAt = now, NextAttemptAt = now,
        }).ToList();
        foreach (var notice in notices) session.Store(notice);
        return notices;
    }
}
