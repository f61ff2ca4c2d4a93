using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Relay.Simulators;

/// <summary>
/// Numbers out of JSON nodes whatever CLR type they were stored as (an int seed value, a decimal from a
/// request, a JsonElement from a file), since JsonValue.GetValue&lt;T&gt; insists on the stored type.
/// </summary>
public static class JsonNumbers
{
    public static decimal Dec(this JsonNode? node) => node is null ? 0
        : node.GetValueKind() == JsonValueKind.String ? decimal.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture)
        : decimal.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static long Long(this JsonNode? node) => (long)node.Dec();

    public static int Int(this JsonNode? node) => (int)node.Dec();
}
