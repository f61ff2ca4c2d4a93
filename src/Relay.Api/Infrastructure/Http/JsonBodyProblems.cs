using System.Text.Json;
using System.Text.RegularExpressions;

namespace Relay.Api.Infrastructure.Http;

/// <summary>
/// A body that is not the JSON a route takes, in the words of a 400: the member by its path (orders.enabeld) and what
/// was expected there, instead of "Failed to read parameter … as JSON".
/// </summary>
public static partial class JsonBodyProblems
{
    /// <summary>Each field (JSON path without "$.") with its reason; empty when the exception is no JSON
    /// error.</summary>
    public static IReadOnlyList<(string Field, string Reason)> Describe(Exception error)
    {
        if (error.InnerException is JsonException { Message: var text } json
            && Missing().Match(text) is { Success: true } missing)
        {
            // Every member left out at once, so a script is fixed in one go.
            var path = (json.Path ?? "$").TrimStart('$').TrimStart('.');
            return Names().Matches(missing.Groups["members"].Value)
                .Select(m =>
                    (Join(path, m.Groups[1].Value),
                        "Required: a whole document is sent, and this member may not be left out."))
                .ToList();
        }
        return DescribeOne(error) is { } one ? [one] : [];
    }

    private static (string Field, string Reason)? DescribeOne(Exception error)
    {
        if (error.InnerException is not JsonException json) return null;
        var path = (json.Path ?? "$").TrimStart('$').TrimStart('.');
        if (Unmapped().Match(json.Message) is { Success: true } unmapped)
        {
            var member = unmapped.Groups["member"].Value;
            var at = path.EndsWith(member, StringComparison.Ordinal) ? path : Join(path, member);
            return (at, $"'{member}' is not a member here; check its spelling (names are camelCase).");
        }
        if (Converted().Match(json.Message) is { Success: true } converted)
            return (Field(path), $"Expected {Expected(MemberType(converted.Groups["type"].Value, path))}.");
        return (Field(path), "Not valid JSON here.");
    }

    private static string Field(string path) => path.Length == 0 ? "body" : path;

    private static Type? Find(string typeName) =>
        Type.GetType(typeName)
            ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName)).FirstOrDefault(t =>
                t is not null);

    /// <summary>A record read through its constructor names itself, not the member that failed: that member's type,
    /// then.</summary>
    private static Type? MemberType(string typeName, string path)
    {
        var type = Find(typeName);
        var last = path.Split('.')[^1].Split('[')[0];
        return type?.GetProperties().FirstOrDefault(p =>
            string.Equals(p.Name, last, StringComparison.OrdinalIgnoreCase))?.PropertyType
               ?? type;
    }

    private static string Join(string path, string member) => path.Length == 0 ? member : $"{path}.{member}";

    /// <summary>What a .NET type is in JSON terms; an enum's names, since numbers are not taken.</summary>
    private static string Expected(Type? type)
    {
        var inner = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (inner is { IsEnum: true }) return $"one of {string.Join(", ", Enum.GetNames(inner))} (by name)";
        return (inner?.Name ?? "") switch
        {
            "Int32" or "Int64" or "Decimal" or "Double" => "a number",
            "Boolean" => "true or false",
            "String" => "a string",
            "DateTimeOffset" or "DateTime" => "a date and time (ISO 8601)",
            var name when name.StartsWith("IReadOnlyList", StringComparison.Ordinal)
                || name.StartsWith("List", StringComparison.Ordinal)
                || name.EndsWith("[]", StringComparison.Ordinal) => "an array",
            var name when name.StartsWith("IReadOnlyDictionary", StringComparison.Ordinal)
                || name.StartsWith("Dictionary", StringComparison.Ordinal)
                => "an object of names and values",
            _ => "an object",
        };
    }

    [GeneratedRegex("The JSON property '(?<member>[^']+)' could not be mapped")]
    private static partial Regex Unmapped();

    [GeneratedRegex("missing required properties including: (?<members>('[^']+'(, )?)+)")]
    private static partial Regex Missing();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex Names();

    [GeneratedRegex("could not be converted to (?<type>[^ ]+?)\\.? Path")]
    private static partial Regex Converted();
}
