using System.Text.Json.Nodes;

namespace Relay.Api.Dashboard.Settings;

/// <summary>What a settings change changed: each leaf of the document whose value differs, by its JSON path.</summary>
public static class SettingsDiff
{
    public sealed record Change(string Path, string? Before, string? After);

    public static IReadOnlyList<Change> Between(JsonNode? before, JsonNode? after)
    {
        var changes = new List<Change>();
        Walk("", before, after, changes);
        return changes;
    }

    private static void Walk(string path, JsonNode? before, JsonNode? after, List<Change> changes)
    {
        if (before is JsonObject b && after is JsonObject a)
        {
            foreach (var key in b.Select(p => p.Key).Union(a.Select(p => p.Key)))
                Walk(path.Length == 0 ? key : $"{path}.{key}", b[key], a[key], changes);
            return;
        }
        // Lists are shown whole: a row moved or changed reads better as the list before and after.
        var was = before?.ToJsonString();
        var now = after?.ToJsonString();
        if (was != now) changes.Add(new Change(path, was, now));
    }
}
