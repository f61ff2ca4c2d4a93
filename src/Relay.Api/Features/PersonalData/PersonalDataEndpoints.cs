using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Features.Tenants;
using Relay.Api.Features.WorkItems;
using Relay.Api.Infrastructure.Http;
using Relay.Api.Infrastructure.Processing;
using Relay.Domain.PersonalData;

namespace Relay.Api.Features.PersonalData;

/// <summary>
/// The right of access and of erasure for one customer of a connection, found by e-mail address: what Relay holds
/// (its work items and audit trails), not what is in the shop or in AccountView.
/// </summary>
public static class PersonalDataEndpoints
{
    public static RouteGroupBuilder MapPersonalDataEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/connections/{id}/personal-data").WithTags("Personal data");
        group.MapGet("/", ExportAsync)
            .WithName("ExportPersonalData")
            .WithSummary("Everything Relay holds about one customer (by e-mail): the customer as recorded, the work "
                + "items and their audit trails")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/", EraseAsync)
            .WithName("ErasePersonalData")
            .WithSummary("Masks everything Relay holds about one customer (by e-mail) now; amounts, codes, decisions "
                + "and outcomes stay")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>What Relay holds about the customer. The e-mail address asked for is not repeated.</summary>
    public sealed record PersonalDataExport(string ConnectionId, IReadOnlyList<CustomerOnRecord> Customers,
        IReadOnlyList<PersonalDataItem> WorkItems);

    public sealed record PersonalDataItem(WorkItemResponse WorkItem, IReadOnlyList<AuditEntry> Events);

    public sealed record PersonalDataErased(string ConnectionId, IReadOnlyList<string> Masked);

    internal static async Task<Results<Ok<PersonalDataExport>, ValidationProblem, ProblemHttpResult>> ExportAsync(
        string id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct, string? email = null)
    {
        if (Invalid(email) is { } invalid) return invalid;
        if (await session.LoadConnectionAsync(user, id, ct) is null) return NotFound(id);
        var held = await PersonalDataFinder.FindAsync(session, id, email!, ct);
        var items = new List<PersonalDataItem>();
        foreach (var item in held.Items)
            items.Add(new PersonalDataItem(WorkItemResponse.From(item),
                (await session.Events.FetchStreamAsync(item.Id, token: ct)).Select(AuditEntry.From).ToList()));
        return TypedResults.Ok(new PersonalDataExport(id, held.Customers, items));
    }

    internal static async Task<Results<Ok<PersonalDataErased>, ValidationProblem, ProblemHttpResult>> EraseAsync(
        string id, ClaimsPrincipal user, IDocumentSession session, PersonalDataMasking masking, ClusterLocks locks,
        TimeProvider clock, ILogger<PersonalDataMasking> logger, CancellationToken ct, string? email = null)
    {
        if (Invalid(email) is { } invalid) return invalid;
        if (await session.LoadConnectionAsync(user, id, ct) is null) return NotFound(id);
        await using var hold = await locks.HoldAsync(RetentionRun.LockOf(id), ct); // not while retention runs
        var keys = (await PersonalDataFinder.FindAsync(session, id, email!, ct)).Items.Select(i => i.Id).ToList();
        var who = user.Identity?.Name ?? "unknown";
        await masking.MaskAsync(keys, $"erasure asked by {who}", ct);
        session.Events.Append(RetentionApplied.StreamOf(id),
            new RetentionApplied(id, $"erasure asked by {who}", keys.Count, 0, [], clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        PersonalDataLog.Erased(logger, id, keys.Count);
        return TypedResults.Ok(new PersonalDataErased(id, keys));
    }

    // The address itself is never in the answer: a problem names the parameter, not its value.
    private static ValidationProblem? Invalid(string? email) =>
        string.IsNullOrWhiteSpace(email) || email.Length > 254 || !email.Contains('@')
            ? Problems.Invalid("email", "The customer's e-mail address (?email=...), at most 254 characters.")
            : null;

    private static ProblemHttpResult NotFound(string id) => Problems.NotFound($"There is no connection '{id}'.");
}
