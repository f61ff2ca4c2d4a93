using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Relay.Api.Tests.Infrastructure;

/// <summary>
/// One .http file of http-samples, in the REST Client / JetBrains syntax the files use: "@name = value"
/// variables, "###" between requests, "# @name x" to name one, "{{x.response.body.$.path}}" to use its
/// answer, and "# @expect 201" (ours) for the status it should get.
/// </summary>
public sealed partial class HttpSampleFile
{
    public sealed record Request(string Title, string? Name, int? Expect, string Method, string Url, IReadOnlyList<(string Name, string Value)> Headers, string? Body);

    public Dictionary<string, string> Variables { get; } = [];
    public List<Request> Requests { get; } = [];

    public static HttpSampleFile Parse(string text)
    {
        var file = new HttpSampleFile();
        var blocks = Regex.Split(text.Replace("\r\n", "\n"), "^###", RegexOptions.Multiline);
        foreach (var line in blocks[0].Split('\n')) file.ReadVariable(line);
        foreach (var block in blocks.Skip(1))
        {
            var lines = block.Split('\n');
            string? name = null;
            int? expect = null;
            var at = 1;
            for (; at < lines.Length; at++)
            {
                var line = lines[at].Trim();
                if (line.StartsWith("# @name ", StringComparison.Ordinal)) name = line[8..].Trim();
                else if (line.StartsWith("# @expect ", StringComparison.Ordinal)) expect = int.Parse(line[10..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                else if (line.StartsWith('@')) file.ReadVariable(line);
                else if (line.Length > 0 && !line.StartsWith('#')) break;
            }
            if (at >= lines.Length) continue;
            var requestLine = lines[at].Trim().Split(' ', 2);
            var headers = new List<(string, string)>();
            for (at++; at < lines.Length && lines[at].Trim().Length > 0; at++)
            {
                var header = lines[at].Split(':', 2);
                headers.Add((header[0].Trim(), header[1].Trim()));
            }
            var body = string.Join('\n', lines.Skip(at)).Trim();
            file.Requests.Add(new Request(lines[0].Trim(), name, expect, requestLine[0], requestLine[1].Trim(), headers, body.Length == 0 ? null : body));
        }
        return file;
    }

    private void ReadVariable(string line)
    {
        var match = VariableLine().Match(line.Trim());
        if (match.Success) Variables[match.Groups[1].Value] = match.Groups[2].Value.Trim();
    }

    /// <summary>Fills in variables (themselves filled in) and earlier answers.</summary>
    public string Fill(string text, IReadOnlyDictionary<string, JsonNode?> answers)
    {
        for (var round = 0; round < 5 && text.Contains("{{", StringComparison.Ordinal); round++)
        {
            text = Placeholder().Replace(text, m =>
            {
                var key = m.Groups[1].Value.Trim();
                if (Variables.TryGetValue(key, out var value)) return value;
                var parts = key.Split(".response.body.", 2);
                if (parts.Length == 2 && answers.TryGetValue(parts[0], out var answer)) return Select(answer, parts[1])
                    ?? throw new InvalidOperationException($"{parts[1]} is not in the answer to {parts[0]}: {answer?.ToJsonString()}");
                throw new InvalidOperationException($"Unknown variable {{{{{key}}}}}.");
            });
        }
        return text;
    }

    /// <summary>A JSONPath of the simple kind: $.a.b[0].c</summary>
    private static string? Select(JsonNode? node, string path)
    {
        foreach (var step in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var index = step.IndexOf('[');
            node = index < 0 ? node?[step] : node?[step[..index]]?[int.Parse(step[(index + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)];
        }
        return node?.ToString();
    }

    [GeneratedRegex(@"^@([A-Za-z][A-Za-z0-9_]*)\s*=\s*(.*)$")]
    private static partial Regex VariableLine();

    [GeneratedRegex(@"\{\{([^{}]+)\}\}")]
    private static partial Regex Placeholder();
}
