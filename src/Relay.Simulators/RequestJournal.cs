using System.Collections.Concurrent;

namespace Relay.Simulators;

/// <summary>What a simulator received, for tests and demos to read back.</summary>
public sealed class RequestJournal
{
    private readonly ConcurrentQueue<JournalEntry> _entries = new();

    public void Add(JournalEntry entry) => _entries.Enqueue(entry);
    public IReadOnlyList<JournalEntry> Entries => _entries.ToArray();
    public void Clear() => _entries.Clear();
}

public sealed record JournalEntry(DateTimeOffset At, string Method, string Target, int Status, string? Body);
