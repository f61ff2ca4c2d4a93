using System.Text.Json.Nodes;

namespace Relay.Simulators.CcvShop;

/// <summary>
/// The simulated shop's data. Resources are kept as JSON objects with the documented field names
/// (ccvshop-api.md §4), without their links; <see cref="CcvLinks"/> adds those when a resource is shown.
/// Callers take <see cref="Gate"/> around every read and write.
/// </summary>
public sealed class CcvShopStore
{
    public static readonly string[] Kinds =
    [
        "orders", "orderrows", "users", "products", "attributecombinations", "categories", "producttocategories",
        "productphotos", "paymethods", "webhooks", "attributes", "attributevalues", "productattributevalues",
            "ordernotes",
    ];

    private readonly Dictionary<string, SortedDictionary<long, JsonObject>> _resources =
        Kinds.ToDictionary(k => k, _ => new SortedDictionary<long, JsonObject>());
    private long _nextId = 1000;

    public Lock Gate { get; } = new();

    /// <summary>Uploaded photo files by file name, served at /Files/ProductPhotos/{name} as a shop serves them.</summary>
    public Dictionary<string, byte[]> Files { get; } = [];

    public SortedDictionary<long, JsonObject> this[string kind] => _resources[kind];

    public long NextId() => ++_nextId;

    public JsonObject Add(string kind, JsonObject resource)
    {
        var id = resource["id"]?.Long() ?? NextId();
        resource["id"] = id;
        _nextId = Math.Max(_nextId, id);
        _resources[kind][id] = resource;
        return resource;
    }

    public JsonObject? Find(string kind, long id) => _resources[kind].GetValueOrDefault(id);

    public JsonObject Dump() => new(_resources.Select(kv =>
        KeyValuePair.Create<string, JsonNode?>(kv.Key, new JsonArray(kv.Value.Values.Select(v => (JsonNode)v.DeepClone()).ToArray()))));

    public void Load(JsonObject dump)
    {
        foreach (var kind in Kinds)
        {
            _resources[kind].Clear();
            if (dump[kind] is JsonArray items)
                foreach (var item in items.OfType<JsonObject>()) Add(kind, (JsonObject)item.DeepClone());
        }
    }
}
