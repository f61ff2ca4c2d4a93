using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Relay.Api.Infrastructure.Secrets;

/// <summary>Makes the storage serializer seal every [Sealed] string property on write and open it on read.</summary>
public static class SealedJson
{
    public static void Apply(JsonSerializerOptions options, SecretBox box)
    {
        var converter = new SealedStringConverter(box);
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(info =>
        {
            if (info.Kind != JsonTypeInfoKind.Object) return;
            foreach (var property in info.Properties)
            {
                if (property.PropertyType == typeof(string) && property.AttributeProvider?.IsDefined(typeof(SealedAttribute), true) == true)
                    property.CustomConverter = converter;
            }
        });
    }

    private sealed class SealedStringConverter(SecretBox box) : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { } stored ? box.Open(stored) : null;

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(box.Seal(value));
    }
}
