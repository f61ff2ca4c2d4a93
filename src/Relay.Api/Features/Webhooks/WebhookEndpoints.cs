using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Infrastructure.Http;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.Webhooks;

public static class WebhookEndpoints
{
    /// <summary>CCV's summaries are a few hundred bytes (§3.3); anything near this is not a CCV delivery.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/webhooks").WithTags("Webhooks").AllowAnonymous();
        group.MapPost("/ccvshop/{connectionId}/{secret}/{event}", ReceiveCcvShopWebhookAsync)
            .WithName("ReceiveCcvShopWebhook")
            .WithSummary("Receive a CCV Shop webhook delivery")
            .WithDescription("Answers 202 once the delivery is durably stored as work, 200 for a delivery stored before. " +
                             "The address, with its secret, is the one shown when the connection was created.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    internal static async Task<Results<Accepted<WebhookAnswer>, Ok<WebhookAnswer>, ValidationProblem, ProblemHttpResult>>
        ReceiveCcvShopWebhookAsync(string connectionId, string secret, string @event, HttpContext http,
            WebhookGates gates, IntakeGroupCommit intake, RecentDeliveries recent, TimeProvider clock,
            ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("Relay.Webhooks");
        var body = await ReadBodyAsync(http.Request, ct);
        if (body is null)
        {
            WebhookLog.Refused(logger, connectionId, "body too large");
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, "Body too large",
                $"A webhook body may be at most {MaxBodyBytes} bytes.");
        }

        // The gate remembered; when it refuses the delivery, or the batch finds the connection changed since, the
        // gate as the database has it: a change made on another replica is never refused by an old memory.
        for (var fresh = false; ; fresh = true)
        {
            var gate = await gates.FindAsync(connectionId, fresh, ct);
            if (gate is null || !gate.Admits(secret))
            {
                if (!fresh) continue;
                WebhookLog.Refused(logger, connectionId, "unknown connection or wrong secret");
                return Problems.NotFound("There is no webhook receiver at this address.");
            }
            if (!WebhookSignatureCheck.IsValid(gate, http.Request, body))
            {
                if (!fresh) continue;
                WebhookLog.Refused(logger, connectionId, "signature does not match");
                return Problems.Create(StatusCodes.Status401Unauthorized, "Invalid signature",
                    $"The '{gate.Header}' header does not hold the expected signature of this delivery.");
            }
            if (CcvEvent.Find(@event) is not { } ccvEvent)
                return Problems.Invalid("event",
                    $"'{@event}' is not a CCV Shop event Relay handles; known: {string.Join(", ", CcvEvent.Names)}.");

            var (delivery, field, reason) = WebhookDelivery.Parse(body);
            if (delivery is null) return Problems.Invalid(field!, reason!);

            var command = new ReceiveWebhook(gate.ConnectionId, ccvEvent, delivery.EntityId, delivery.TriggeredAt,
                Convert.ToHexStringLower(SHA256.HashData(body)), delivery.Summary, clock.GetUtcNow());
            var result = recent.Knows(command) ? IntakeResult.Duplicate
                : await intake.StoreAsync(command, gate, http.TraceIdentifier, TracedRequest());
            if (result == IntakeResult.GateChanged && !fresh) continue;
            return Answer(result, command, ccvEvent, logger);
        }
    }

    private static Results<Accepted<WebhookAnswer>, Ok<WebhookAnswer>, ValidationProblem, ProblemHttpResult> Answer(
        IntakeResult result, ReceiveWebhook command, CcvEvent ccvEvent, ILogger logger)
    {
        switch (result)
        {
            case IntakeResult.Stored:
                WebhookLog.Stored(logger, ccvEvent.Name, command.Key);
                return TypedResults.Accepted($"/api/work-items/{Uri.EscapeDataString(command.Key)}",
                    new WebhookAnswer(command.Key, Duplicate: false));
            case IntakeResult.Duplicate:
                WebhookLog.Duplicate(logger, ccvEvent.Name, command.Key);
                return TypedResults.Ok(new WebhookAnswer(command.Key, Duplicate: true));
            default: // changed twice while it was being stored: the sender's retry finds it settled
                return Problems.Create(StatusCodes.Status503ServiceUnavailable, "Connection changing",
                    "The connection changed while the delivery was being stored; send it again.");
        }
    }

    /// <summary>The request's trace when it is recorded (an exporter listens): the intake's writer continues
    /// it.</summary>
    private static ActivityContext TracedRequest() =>
        Activity.Current is { Recorded: true } request ? request.Context : default;

    /// <returns>The raw body, or null when it is larger than <see cref="MaxBodyBytes"/>.</returns>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
