using Marten;
using Relay.Api.Features.Connections;

namespace Relay.Api.Features.Alerts;

/// <summary>
/// Sends a connection's alert messages that are due, each to its channel; one that fails is tried again on the
/// <see cref="AlertNoticeDocument.Backoff"/> schedule and then marked failed, with the channel's error kept.
/// </summary>
public sealed partial class AlertSender(IDocumentStore store, WebhookAlertChannel webhook, TimeProvider clock,
    ILogger<AlertSender> logger)
{
    public async Task SendDueAsync(ConnectionDocument connection, AlertSetup setup, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var now = clock.GetUtcNow();
        var due = await session.Query<AlertNoticeDocument>()
            .Where(n => n.ConnectionId == connection.Id && n.Status == NoticeStatus.Pending && n.NextAttemptAt <= now)
            .OrderBy(n => n.CreatedAt).Take(50).ToListAsync(ct);
        foreach (var notice in due)
        {
            await AttemptAsync(notice, setup, ct);
            session.Store(notice);
        }
        await session.SaveChangesAsync(ct);
    }

    /// <summary>One attempt; the notice records its outcome (the caller stores it).</summary>
    public async Task AttemptAsync(AlertNoticeDocument notice, AlertSetup? setup, CancellationToken ct)
    {
        string? error;
        try
        {
            error = notice.Channel switch
            {
                AlertChannel.Email when setup?.Email is { } email => await EmailAlertChannel.SendAsync(email,
                    notice.Message, ct),
                AlertChannel.Webhook when setup?.Webhook is { } hook => await webhook.SendAsync(hook, notice, ct),
                _ => $"The connection has no {notice.Channel} channel any more.",
            };
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            error = $"{e.GetType().Name}: {e.Message}";
        }
        var now = clock.GetUtcNow();
        notice.Attempts++;
        notice.LastError = error;
        if (error is null)
        {
            (notice.Status, notice.SentAt) = (NoticeStatus.Sent, now);
            Sent(logger, notice.ConnectionId, notice.Kind.ToString(), notice.Channel.ToString());
        }
        else if (notice.Attempts > AlertNoticeDocument.Backoff.Length) notice.Status = NoticeStatus.Failed;
        else notice.NextAttemptAt = now + AlertNoticeDocument.Backoff[notice.Attempts - 1];
        if (error is not null)
            NotSent(logger, notice.ConnectionId, notice.Channel.ToString(), notice.Attempts, error);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Alert ({Kind}) of connection {ConnectionId} sent by {Channel}")]
    private static partial void Sent(ILogger logger, string connectionId, string kind, string channel);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Alert of connection {ConnectionId} not sent by {Channel} (attempt {Attempt}): {Error}")]
    private static partial void NotSent(ILogger logger, string connectionId, string channel, int attempt, string error);
}
