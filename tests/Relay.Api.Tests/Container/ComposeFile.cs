using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Relay.Api.Tests.Container;

/// <summary>docker-compose.yml as YAML nodes, with what the tests ask of it.</summary>
public sealed partial class ComposeFile(YamlMappingNode root)
{
    public static ComposeFile Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return new ComposeFile((YamlMappingNode)stream.Documents.Single().RootNode);
    }

    public YamlMappingNode Service(string name) => (YamlMappingNode)Map(root, "services")[name];

    public IReadOnlyCollection<string> Volumes => Map(root, "volumes").Children.Keys.Select(Text).ToList();

    /// <summary>A service's environment, as a mapping or as a list of NAME=value.</summary>
    public IReadOnlyDictionary<string, string> Environment(string service) =>
        Service(service)["environment"] switch
        {
            YamlMappingNode map => map.Children.ToDictionary(c => Text(c.Key), c => Text(c.Value)),
            YamlSequenceNode list => list.Children.Select(Text).Select(e => e.Split('=', 2))
                .ToDictionary(e => e[0], e => e.Length > 1 ? e[1] : ""),
            _ => new Dictionary<string, string>(),
        };

    public static IReadOnlyList<string> List(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(key, out var node) ? node switch
        {
            YamlSequenceNode list => list.Children.Select(Text).ToList(),
            YamlMappingNode keys => keys.Children.Keys.Select(Text).ToList(),
            _ => [Text(node)],
        } : [];

    public static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(key, out var node) ? Text(node) : null;

    /// <summary>
    /// Every <c>${NAME...}</c> in a value: the name and what follows it (<c>:?message</c>, <c>:-default</c>).
    /// </summary>
    public static IEnumerable<(string Name, string Rule)> Variables(string value) =>
        Variable().Matches(value).Select(m => (m.Groups[1].Value, m.Groups[2].Value));

    private static YamlMappingNode Map(YamlMappingNode map, string key) => (YamlMappingNode)map[key];

    private static string Text(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    [GeneratedRegex(@"\$\{(\w+)([^}]*)\}")]
    private static partial Regex Variable();
}
