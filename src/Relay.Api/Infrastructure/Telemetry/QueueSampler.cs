using Npgsql;
using Relay.Api.Infrastructure.Processing;
using Relay.Domain.WorkItems;

namespace Relay.Api.Infrastructure.Telemetry;

/// <summary>Reads the work engine's figures for <see cref="QueueGauges"/>: three grouped counts in one round
/// trip, every <see cref="QueueGauges.Every"/> while the gauges are read.</summary>
public sealed class QueueSampler(QueueGauges gauges, NpgsqlDataSource database, TimeProvider clock,
    ILogger<QueueSampler> logger) : BackgroundService
{
    private const string Inbox = "select received_at, status, count(*) from relay.wolverine_incoming_envelopes " +
                                 "where status in ('Incoming', 'Scheduled') group by 1, 2";

    // The work item documents are indexed by status; UpdatedAt is when the item last began to wait.
    private const string Waiting = "select data ->> 'Flow', min((data ->> 'UpdatedAt')::timestamptz) " +
                                   "from relay.mt_doc_workitem where data ->> 'Status' = 'Received' group by 1";

    private const string DeadLetters = "select count(*) from relay.wolverine_dead_letters";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(QueueGauges.Every); // real time: a scrape interval, not business time
        do
        {
            if (!gauges.Read) continue;
            try
            {
                gauges.Update(await SampleAsync(stoppingToken));
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or InvalidCastException)
            {
                TelemetryLog.SampleFailed(logger, e); // the last figures stay; the next sample tries again
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public async Task<QueueSnapshot> SampleAsync(CancellationToken ct)
    {
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Inbox));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Waiting));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(DeadLetters));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var (ready, scheduled, oldest) = (new Dictionary<string, long>(), new Dictionary<string, long>(),
            new Dictionary<string, long>());
        while (await reader.ReadAsync(ct))
        {
            if (!Uri.TryCreate(reader.GetString(0), UriKind.Absolute, out var queue)) continue;
            var into = reader.GetString(1) == "Scheduled" ? scheduled : ready;
            into[queue.Host] = into.GetValueOrDefault(queue.Host) + reader.GetInt64(2);
        }
        await reader.NextResultAsync(ct);
        var now = clock.GetUtcNow();
        while (await reader.ReadAsync(ct))
            if (Enum.TryParse<Flow>(reader.GetString(0), out var flow) && !reader.IsDBNull(1))
                oldest[LaneOf(flow)] = (long)Math.Max(0, (now - reader.GetFieldValue<DateTimeOffset>(1)).TotalSeconds);
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        return new QueueSnapshot(ready, scheduled, oldest, reader.GetInt64(0));
    }

    private static string LaneOf(Flow flow) => flow switch
    {
        Flow.Orders => Lanes.Orders.Name,
        Flow.Stock => Lanes.Stock.Name,
        Flow.Customers => Lanes.Customers.Name,
        Flow.OrderStatus or Flow.OrdersFromAccountView => Lanes.OrdersBack.Name,
        _ => Lanes.Catalogue.Name,
    };
}
