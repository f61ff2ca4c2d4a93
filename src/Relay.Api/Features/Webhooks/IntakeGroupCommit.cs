using System.Diagnostics;
using System.Threading.Channels;
using Marten;
using Npgsql;
using Relay.Api.Features.Connections;
using Relay.Api.Features.WorkItems;
using Relay.Api.Infrastructure.Processing;
using Relay.Api.Infrastructure.Telemetry;
using Relay.Domain.WorkItems;
using Wolverine.Marten;
using Wolverine.Runtime;

namespace Relay.Api.Features.Webhooks;

/// <summary>
/// Group commit of the webhook intake: the deliveries that arrive while a batch is being written wait together and
/// go into the next one, which reads their work items and connections in one round trip, appends every new delivery
/// (and queues its work) and commits once; then each delivery is answered. A batch does not wait for company: under
/// light load it holds one delivery, under a burst as many as came meanwhile. A few writers run at once, each for its
/// own share of the work keys, so two deliveries of one item are never in two batches at once on this replica.
/// A batch that fails (a race with another replica, one delivery Marten cannot store) is written again one delivery
/// at a time, so one bad delivery fails alone. The deliveries of a flow that is off are parked: stored without a
/// work message (<see cref="FlowSwitchLock"/> keeps that from crossing a switch-on).
/// The request's activity is not current here: each delivery is stored in an activity of its own whose parent is the
/// request's, so its event names the webhook's trace and its work message carries it on to the attempt.
/// </summary>
internal sealed class IntakeGroupCommit(IDocumentStore store, IWolverineRuntime runtime, WebhookGates gates,
    RecentDeliveries recent, ILogger<IntakeGroupCommit> logger) : BackgroundService
{
    /// <summary>Batches written at once: each holds one pooled connection while it writes.</summary>
    public const int Writers = 4;

    /// <summary>Enough to carry a burst in a few commits; a larger batch only makes its first delivery wait.</summary>
    public const int MaxBatch = 256;

    private readonly Channel<PendingDelivery>[] _writers = [.. Enumerable.Range(0, Writers)
        .Select(_ => Channel.CreateUnbounded<PendingDelivery>(new() { SingleReader = true }))];

    /// <summary>Stores the delivery with the next batch of its writer; completes after the commit.</summary>
    /// <param name="trace">The request's trace (default when it is not traced).</param>
    public Task<IntakeResult> StoreAsync(ReceiveWebhook command, WebhookGate gate, string correlationId,
        ActivityContext trace = default)
    {
        var pending = new PendingDelivery(command, gate, correlationId, trace);
        var writer = _writers[(int)((uint)StringComparer.Ordinal.GetHashCode(command.Key) % Writers)];
        if (!writer.Writer.TryWrite(pending)) throw new InvalidOperationException("Relay is shutting down.");
        return pending.Done.Task;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_writers.Select(w => Task.Run(() => WriteAllAsync(w.Reader), CancellationToken.None)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // What was taken in is written before the writers end: nothing accepted waits for ever.
        foreach (var writer in _writers) writer.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteAllAsync(ChannelReader<PendingDelivery> reader)
    {
        var batch = new List<PendingDelivery>(MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var pending)) batch.Add(pending);
            try
            {
                await WriteAsync(batch);
            }
            catch (Exception e) when (IsUnreachable(e))
            {
                foreach (var pending in batch) pending.Done.TrySetException(e); // each answered 5xx, CCV sends again
            }
            catch (Exception e)
            {
                // A race with another replica is expected now and then; anything else is worth a look.
                if (batch.Count > 1 && !WorkStreams.IsLostRace(e)) WebhookLog.BatchFailed(logger, batch.Count, e);
                foreach (var pending in batch) await WriteAloneAsync(pending);
            }
            batch.Clear();
        }
    }

    /// <summary>One delivery in a batch of its own; a lost race (another replica wrote the item first) is retried
    /// with a fresh read, which then finds what the other wrote.</summary>
    private async Task WriteAloneAsync(PendingDelivery pending)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync([pending]);
                return;
            }
            catch (Exception e) when (attempt < WorkStreams.MaxAttempts && WorkStreams.IsLostRace(e))
            {
                await WorkStreams.PauseAfterLostRaceAsync(attempt, CancellationToken.None);
            }
            catch (Exception e)
            {
                pending.Done.TrySetException(e);
                return;
            }
        }
    }

    private async Task WriteAsync(IReadOnlyList<PendingDelivery> batch)
    {
        await using var session = store.LightweightSession();
        await FlowSwitchLock.ShareAsync(session, batch.Select(p => p.Gate.ConnectionId).Distinct(), default);
        var read = session.CreateBatchQuery();
        var streams = batch.Select(p => p.Command.Key).Distinct()
            .ToDictionary(key => key, key => read.Events.FetchForWriting<WorkItem>(key));
        var connections = batch.Select(p => p.Gate.ConnectionId).Distinct()
            .ToDictionary(id => id, id => read.Load<ConnectionDocument>(id));
        await read.Execute();

        var written = new Dictionary<string, WorkItem>();
        var results = new IntakeResult[batch.Count];
        var outbox = new MartenOutbox(runtime, session);
        for (var i = 0; i < batch.Count; i++)
        {
            var (command, gate, correlationId, trace) = batch[i];
            if (await connections[gate.ConnectionId] is not { } connection || WebhookGate.From(connection) != gate)
            {
                results[i] = IntakeResult.GateChanged;
                continue;
            }
            var stream = await streams[command.Key];
            var state = written.GetValueOrDefault(command.Key) ?? stream.Aggregate;
            if (WebhookIntake.Decide(state, command) is not IntakeDecision.Store decided)
            {
                results[i] = IntakeResult.Duplicate;
                continue;
            }
            // Null unless the request is traced and Relay's source listened to; disposed at the end of this pass.
            using var activity = trace == default ? null
                : RelayTracing.Source.StartActivity("store webhook delivery", ActivityKind.Internal, trace);
            activity?.SetTag("relay.work_item", command.Key);
            var appended = new JasperFx.Events.Event<WebhookReceived>(decided.Event);
            appended.CorrelationId = correlationId;
            EventTraces.Stamp(appended, activity);
            stream.AppendOne(appended);
            var first = !written.ContainsKey(command.Key);
            written[command.Key] = state = WorkItem.Evolve(state, decided.Event)!;
            // A flow that is off parks its work: stored, and no message until the flow is switched on.
            if (first && state.NeedsProcessing && connection.IsOn(command.Event.Flow)
                && WorkMessages.For(command.Key) is { } work)
                await outbox.PublishAsync((object)work);
            results[i] = IntakeResult.Stored;
        }
        if (written.Count > 0) await session.SaveChangesAsync();

        foreach (var (id, connection) in connections)
            if (await connection is { } found) gates.Remember(WebhookGate.From(found));
            else gates.Forget(id);
        foreach (var (key, stream) in streams)
            if ((written.GetValueOrDefault(key) ?? (await stream).Aggregate) is { } item) recent.Remember(item);
        for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
    }

    /// <summary>PostgreSQL cannot be reached: writing the deliveries one by one would only wait longer.</summary>
    private static bool IsUnreachable(Exception e) =>
        e is NpgsqlException { IsTransient: true } || (e.InnerException is { } inner && IsUnreachable(inner));

    private sealed record PendingDelivery(ReceiveWebhook Command, WebhookGate Gate, string CorrelationId,
        ActivityContext Trace)
    {
        public TaskCompletionSource<IntakeResult> Done { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
