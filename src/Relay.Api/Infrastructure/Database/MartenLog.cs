using Marten;
using Marten.Services;
using Npgsql;

namespace Relay.Api.Infrastructure.Database;

/// <summary>
/// Marten's command log with one change: a lost race (two first writes of a new stream, two appends at one version) is
/// handled by the caller, who looks again, so it is a Debug line, not an Error with the SQL. Other failures stay
/// errors.
/// </summary>
public sealed class MartenLog(ILoggerFactory loggers) : IConfigureMarten
{
    public void Configure(IServiceProvider services, StoreOptions options) =>
        options.Logger(new StoreLogger(loggers.CreateLogger("Marten.IDocumentStore")));

    private sealed class StoreLogger(ILogger logger) : IMartenLogger, IMartenSessionLogger
    {
        public IMartenSessionLogger StartSession(IQuerySession session) => this;

        public void SchemaChange(string sql) => logger.LogInformation("Marten changed the schema: {Sql}", sql);

        public void LogSuccess(NpgsqlCommand command) { }

        public void LogSuccess(NpgsqlBatch batch) { }

        public void LogFailure(NpgsqlCommand command, Exception ex) => Failure(ex, command.CommandText);

        public void LogFailure(NpgsqlBatch batch, Exception ex) =>
            Failure(ex, string.Join(";\n", batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText)));

        public void LogFailure(Exception ex, string message) => Failure(ex, message);

        public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }

        public void OnBeforeExecute(NpgsqlCommand command) { }

        public void OnBeforeExecute(NpgsqlBatch batch) { }

        private void Failure(Exception ex, string what)
        {
            if (IsRace(ex)) logger.LogDebug("A concurrent write won the race ({Error}); the caller looks again",
                ex.GetType().Name);
            else logger.LogError(ex, "Marten failed executing {Sql}", what);
        }

        private static bool IsRace(Exception ex) =>
            Features.WorkItems.WorkStreams.IsLostRace(ex)
            || ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
            || ex is PostgresException { SqlState: "MT003" } // Marten's "stream version mismatch"
            || ex.Message.Contains("Unexpected starting version", StringComparison.OrdinalIgnoreCase)
            || (ex.InnerException is { } inner && IsRace(inner));
    }
}
