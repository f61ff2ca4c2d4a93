using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Relay.Api.Clients.CcvShop;

/// <summary>
/// How CCV Shop JSON is read: snake_case names, unknown fields ignored, and the real quirks tolerated
/// (§7): ids as strings, integers where decimals are expected, "" or null for absent numbers and objects.
/// </summary>
public static class CcvJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new LenientNumber<long>());
        options.Converters.Add(new LenientNumber<int>());
        options.Converters.Add(new LenientNumber<decimal>());
        options.Converters.Add(new LenientText());
        return options;
    }

    /// <summary>Numbers, numeric strings, "" and null (as 0 or null) all read.</summary>
    private sealed class LenientNumber<T> : JsonConverter<T?> where T : struct, IParsable<T>
    {
        public override bool HandleNull => true;

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType switch
            {
                JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Null => null,
                _ => throw new JsonException($"Expected a number, found {reader.TokenType}."),
            };
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (typeof(T) != typeof(decimal) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Truncate(d))
                text = ((long)d).ToString(CultureInfo.InvariantCulture); // 12.0 as an id
            return T.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : throw new JsonException($"'{text}' is not a {typeof(T).Name}.");
        }

        public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
        {
            if (value is null) writer.WriteNullValue();
            else writer.WriteRawValue(Convert.ToString(value.Value, CultureInfo.InvariantCulture)!);
        }
    }

    /// <summary>Strings that sometimes arrive as numbers (order_number, housenumber).</summary>
    private sealed class LenientText : JsonConverter<string?>
    {
        public override bool HandleNull => true;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected text, found {reader.TokenType}."),
        };

        public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}

/// <summary>An object that real data sometimes sends as "" or null (discountcoupon, deliveryaddress, user).</summary>
public sealed class LenientObject<T> : JsonConverter<T?> where T : class
{
    public override bool HandleNull => true;

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartObject) return JsonSerializer.Deserialize<T>(ref reader, options);
        // A "" or null is one token the reader is on already; Skip would demand the whole payload in one buffer.
        if (reader.TokenType == JsonTokenType.StartArray) reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options) => JsonSerializer.Serialize(writer, value, options);
}
