namespace Relay.Benchmarks.Ingest;

/// <summary>
/// Relay's 202 answers per connection (counted by wrk, and their work item keys as wrk wrote them down), checked
/// afterwards against the work items stored: every acknowledged delivery must be there.
/// </summary>
public sealed class Acknowledgements
{
    private readonly Dictionary<string, (long Accepted, List<string> KeyFiles)> _connections = [];

    public void Add(string connection, long accepted, string keyFile)
    {
        var (count, files) = _connections.GetValueOrDefault(connection, (0, []));
        files.Add(keyFile);
        _connections[connection] = (count + accepted, files);
    }

    /// <returns>Whether no acknowledged delivery is missing and every 202 was one new work item.</returns>
    /// <param name="connections">The most connections wrk kept open in a run.</param>
    public async Task<bool> CheckAsync(ClusterStatistics statistics, int connections)
    {
        var passed = true;
        foreach (var (connection, (accepted, files)) in _connections)
        {
            var keys = files.Where(File.Exists).SelectMany(File.ReadLines).ToList();
            var acknowledged = keys.ToHashSet();
            var stored = await statistics.WorkItemKeysAsync(connection);
            var missing = acknowledged.Count(k => !stored.Contains(k));
            var ok = missing == 0 && keys.Count == accepted && acknowledged.Count == keys.Count;
            passed &= ok;
            Console.WriteLine($"{connection}: 202 answers {accepted:N0} ({keys.Count:N0} keys, " +
                $"{keys.Count - acknowledged.Count} twice); work items stored {stored.Count:N0} " +
                $"(relay.mt_doc_workitem); acknowledged but not stored {missing}; stored without a 202 seen " +
                $"{stored.Count - (acknowledged.Count - missing)} (answers cut off when wrk stopped: at most " +
                $"{connections} a run, {files.Count} runs) -> {(ok ? "PASS" : "FAIL")}");
        }
        return passed;
    }
}
