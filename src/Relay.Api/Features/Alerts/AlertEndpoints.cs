using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Features.Tenants;
using Relay.Api.Infrastructure.Http;
using Relay.Domain.Alerts;

namespace Relay.Api.Features.Alerts;

/// <summary>A connection's alerts: where they go and when (settings), what was raised and sent, a test message.
/// </summary>
public static class AlertEndpoints
{
    public static RouteGroupBuilder MapAlertEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/connections/{id}/alerts").WithTags("Alerts");
        group.MapGet("/", ListAlertsAsync)
            .WithName("ListAlerts")
            .WithSummary("The connection's alerts, newest first, with each message sent for them and its delivery")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/settings", GetAlertSettingsAsync)
            .WithName("GetAlertSettings")
            .WithSummary("Where the connection's alerts go (e-mail, webhook) and when they are raised; no secrets")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/settings", SetAlertSettingsAsync)
            .WithName("SetAlertSettings")
            .WithSummary("Replace the alert channels and rules; a password or webhook secret left out is kept")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapDelete("/settings", ClearAlertSettingsAsync)
            .WithName("ClearAlertSettings")
            .WithSummary("Remove the connection's own alert setup: its tenant's defaults hold again")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/test", SendTestAlertAsync)
            .WithName("SendTestAlert")
            .WithSummary("Send a test alert through every channel of the connection now, and answer how it went")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    /// <summary>A tenant's default alert setup, for its connections without one of their own.</summary>
    public static RouteGroupBuilder MapTenantAlertEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/tenants/{tenantId}/alerts").WithTags("Alerts");
        group.MapGet("/settings", GetTenantAlertSettingsAsync)
            .WithName("GetTenantAlertSettings")
            .WithSummary("The tenant's default alert channels and rules; no secrets")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/settings", SetTenantAlertSettingsAsync)
            .WithName("SetTenantAlertSettings")
            .WithSummary("Replace the tenant's default alert channels and rules; a secret left out is kept")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <param name="state">Only open or only resolved alerts; both when left out.</param>
    internal static async Task<Results<Ok<AlertsResponse>, ProblemHttpResult>> ListAlertsAsync(string id,
        ClaimsPrincipal user, IQuerySession session, CancellationToken ct, AlertState? state = null)
    {
        if (await session.LoadConnectionAsync(user, id, ct) is null) return NotFound(id);
        var query = session.Query<AlertDocument>().Where(a => a.ConnectionId == id);
        if (state is { } only) query = query.Where(a => a.State == only);
        var alerts = await query.OrderByDescending(a => a.OpenedAt).Take(100).ToListAsync(ct);
        var ids = alerts.Select(a => a.Id).ToList();
        var notices = (await session.Query<AlertNoticeDocument>()
                .Where(n => n.ConnectionId == id && n.AlertId != null && ids.Contains(n.AlertId!))
                .OrderByDescending(n => n.CreatedAt).ToListAsync(ct))
            .ToLookup(n => n.AlertId);
        return TypedResults.Ok(new AlertsResponse(id, [.. alerts.Select(a => new AlertView(a.Id, a.State,
            a.Problem.Trigger, a.Problem.Subject, a.Problem.Flow, a.Problem.Count, a.Problem.Reason,
            a.Problem.OtherSystemMessage, a.Problem.EntityId, a.Problem.ItemKey, a.Problem.Since, a.OpenedAt,
            a.ResolvedAt, [.. notices[a.Id].Take(20).Select(View)]))]));
    }

    internal static async Task<Results<Ok<AlertSettingsResponse>, ProblemHttpResult>> GetAlertSettingsAsync(
        string id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadConnectionAsync(user, id, ct) is not { } connection) return NotFound(id);
        var setup = await AlertSetups.ForAsync(session, connection, ct) ?? new AlertSetup();
        return TypedResults.Ok(AlertSetups.Response(setup, fromTenant: connection.Alerts is null));
    }

    internal static async Task<Results<Ok<AlertSettingsResponse>, ValidationProblem, ProblemHttpResult>>
        SetAlertSettingsAsync(string id, AlertSettingsRequest request, ClaimsPrincipal user, IDocumentSession session,
            CancellationToken ct)
    {
        if (AlertSetups.Problem(request) is { } bad) return Problems.Invalid(bad.Field, bad.Reason);
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return NotFound(id);
        connection.Alerts = AlertSetups.From(request, connection.Alerts, out var made);
        session.Update(connection);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(AlertSetups.Response(connection.Alerts) with { NewWebhookSecret = made });
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> ClearAlertSettingsAsync(string id,
        ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return NotFound(id);
        connection.Alerts = null;
        session.Update(connection);
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<AlertSettingsResponse>, ProblemHttpResult>> GetTenantAlertSettingsAsync(
        string tenantId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        user.Sees(tenantId) && await session.LoadAsync<TenantDocument>(tenantId, ct) is { } tenant
            ? TypedResults.Ok(AlertSetups.Response(tenant.Alerts ?? new AlertSetup()))
            : TenantNotFound(tenantId);

    internal static async Task<Results<Ok<AlertSettingsResponse>, ValidationProblem, ProblemHttpResult>>
        SetTenantAlertSettingsAsync(string tenantId, AlertSettingsRequest request, ClaimsPrincipal user,
            IDocumentSession session, CancellationToken ct)
    {
        if (AlertSetups.Problem(request) is { } bad) return Problems.Invalid(bad.Field, bad.Reason);
        if (!user.Sees(tenantId) || await session.LoadAsync<TenantDocument>(tenantId, ct) is not { } tenant)
            return TenantNotFound(tenantId);
        tenant.Alerts = AlertSetups.From(request, tenant.Alerts, out var made);
        session.Store(tenant);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(AlertSetups.Response(tenant.Alerts) with { NewWebhookSecret = made });
    }

    internal static async Task<Results<Ok<TestAlertResponse>, ProblemHttpResult>> SendTestAlertAsync(string id,
        ClaimsPrincipal user, IDocumentSession session, AlertSender sender, TimeProvider clock,
        IConfiguration configuration, CancellationToken ct)
    {
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return NotFound(id);
        if (await AlertSetups.ForAsync(session, connection, ct) is not { HasChannel: true } setup)
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "No alert channel", detail: "Set an e-mail or webhook channel first (PUT .../alerts/settings).");
        var now = clock.GetUtcNow();
        var problem = new AlertProblem("test", AlertTrigger.Test, null, "alert channels",
            "This is a test alert: the channel works.", null, null, null, 1, now);
        var notices = AlertNotices.Queue(session, connection, setup, null, problem, AlertNoticeKind.Test, now,
            configuration);
        foreach (var notice in notices) await sender.AttemptAsync(notice, setup, ct);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(new TestAlertResponse([.. notices.Select(View)]));
    }

    private static AlertNoticeView View(AlertNoticeDocument n) => new(n.Id, n.Kind, n.Channel, n.Status, n.Attempts,
        n.CreatedAt, n.SentAt, n.Status == NoticeStatus.Pending ? n.NextAttemptAt : null, n.LastError,
        n.Message.Title);

    private static ProblemHttpResult NotFound(string id) => Problems.NotFound($"There is no connection '{id}'.");

    private static ProblemHttpResult TenantNotFound(string id) => Problems.NotFound($"There is no tenant '{id}'.");
}
