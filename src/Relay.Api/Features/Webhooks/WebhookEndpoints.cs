using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Features.Connections;
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
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return group;
    }

    internal static async Task<Results<Accepted<WebhookAnswer>, Ok<WebhookAnswer>, ValidationProblem, ProblemHttpResult>> ReceiveCcvShopWebhookAsync(
        string connectionId, string secret, string @event, HttpContext http, IDocumentStore store, TimeProvider clock,
        Infrastructure.Processing.WorkQueue queue, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("Relay.Webhooks");
        var body = await ReadBodyAsync(http.Request, ct);
        if (body is null)
        {
            WebhookLog.Refused(logger, connectionId, "body too large");
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, "Body too large", $"A webhook body may be at most {MaxBodyBytes} bytes.");
        }

        await using var query = store.QuerySession();
        var connection = await query.LoadAsync<ConnectionDocument>(connectionId, ct);
        if (connection is null || !SecretMatches(connection.WebhookSecret, secret))
        {
            WebhookLog.Refused(logger, connectionId, "unknown connection or wrong secret");
            return Problems.NotFound("There is no webhook receiver at this address.");
        }
        if (!WebhookSignatureCheck.IsValid(connection.WebhookSignature, http.Request, body))
        {
            WebhookLog.Refused(logger, connectionId, "signature does not match");
            return Problems.Create(StatusCodes.Status401Unauthorized, "Invalid signature",
                $"The '{connection.WebhookSignature.Header}' header does not hold the expected signature of this delivery.");
        }
        if (CcvEvent.Find(@event) is not { } ccvEvent)
            return Problems.Invalid("event", $"'{@event}' is not a CCV Shop event Relay handles; known: {string.Join(", ", CcvEvent.Names)}.");

        var (delivery, field, reason) = WebhookDelivery.Parse(body);
        if (delivery is null) return Problems.Invalid(field!, reason!);

        var command = new ReceiveWebhook(connection.Id, ccvEvent, delivery.EntityId, delivery.TriggeredAt,
            Convert.ToHexStringLower(SHA256.HashData(body)), delivery.Summary, clock.GetUtcNow());
        var stored = await WorkIntakeStore.StoreAsync(queue, command, http.TraceIdentifier, ct);
        var answer = new WebhookAnswer(command.Key, Duplicate: !stored);
        if (!stored)
        {
            WebhookLog.Duplicate(logger, ccvEvent.Name, command.Key);
            return TypedResults.Ok(answer);
        }
        WebhookLog.Stored(logger, ccvEvent.Name, command.Key);
        return TypedResults.Accepted($"/api/work-items/{Uri.EscapeDataString(command.Key)}", answer);
    }

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

    private static bool SecretMatches(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));
}
