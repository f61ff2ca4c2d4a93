using System.Reflection;
using System.Text.RegularExpressions;
using Relay.Api.Tests.Infrastructure;

namespace Relay.Api.Tests.Container;

/// <summary>
/// The configuration keys Relay's code reads, found in its source: key literals (<c>"Relay:Admin:ApiKey"</c>),
/// <c>GetConnectionString("Relay")</c>, and the properties of options classes bound from a <c>Section</c>
/// (and <c>{Section}:Name</c> reads). A key ending in a section (<c>Relay:Sandbox:CcvShop</c>) covers what is below it.
/// </summary>
public static partial class SettingsRelayReads
{
    public static readonly IReadOnlySet<string> Keys = Find();

    /// <summary>
    /// Whether Relay reads this key (given with ':' or '__'): a key it reads, a key below a section it binds as a
    /// whole, a pattern (<c>{name}</c> or <c>*</c> for any name) below such a section, or a log category of Relay's.
    /// </summary>
    public static bool Reads(string key)
    {
        key = key.Replace("__", ":");
        if (Pattern(key) is { } prefix) return Keys.Any(k => Same(k, prefix) || Below(k, prefix));
        return Keys.Any(k => Same(k, key) || (Below(key, k) && !OptionsSections.Contains(k)))
            || (key.StartsWith(LogLevel, StringComparison.OrdinalIgnoreCase)
                && typeof(Program).Assembly.GetType(key[LogLevel.Length..]) is not null);
    }

    /// <summary>Whether one of these documented keys or patterns names the key Relay reads.</summary>
    public static bool IsDocumented(string read, IEnumerable<string> documented) => documented.Any(d =>
        Same(d, read) || Below(d, read) || (Pattern(d) is { } prefix && (Same(read, prefix) || Below(read, prefix))));

    private const string LogLevel = "Logging:LogLevel:";

    /// <summary>The part before <c>{name}</c> or <c>*</c>; null for a plain key.</summary>
    private static string? Pattern(string key)
    {
        var parts = key.Split(':');
        var known = parts.TakeWhile(p => p is not "*" && !p.StartsWith('{')).ToArray();
        return known.Length < parts.Length ? string.Join(':', known) : null;
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool Below(string key, string section) =>
        key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase);

    /// <summary>An options class's section holds only its properties, each of them a key of its own.</summary>
    private static readonly IReadOnlySet<string> OptionsSections =
        OptionsClasses().Select(o => o.Section).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static HashSet<string> Find()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in RepositoryFiles.SourceFiles("src/Relay.Api"))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in KeyLiteral().Matches(text)) keys.Add(m.Groups[1].Value);
            foreach (Match m in ConnectionString().Matches(text)) keys.Add($"ConnectionStrings:{m.Groups[1].Value}");
            if (SectionConstant().Match(text) is { Success: true } section)
                foreach (Match m in SectionRead().Matches(text))
                    keys.Add($"{section.Groups[1].Value}:{m.Groups[1].Value}");
        }
        foreach (var (section, type) in OptionsClasses())
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite))
                keys.Add($"{section}:{property.Name}");
        return keys;
    }

    private static IEnumerable<(string Section, Type Type)> OptionsClasses() =>
        typeof(Program).Assembly.GetTypes()
            .Select(t => (Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static), Type: t))
            .Where(t => t.Field is { IsLiteral: true } && t.Type.GetProperties().Any(p => p.CanWrite))
            .Select(t => ((string)t.Field!.GetRawConstantValue()!, t.Type));

    // OpenTelemetry's own variables (OTEL_EXPORTER_OTLP_ENDPOINT) are read by name too.
    [GeneratedRegex(@"""((?:Relay|ConnectionStrings)(?::[A-Za-z]+)+|OTEL_[A-Z_]+)""")]
    private static partial Regex KeyLiteral();

    [GeneratedRegex(@"GetConnectionString\(""(\w+)""\)")]
    private static partial Regex ConnectionString();

    [GeneratedRegex(@"const string Section = ""([^""]+)""")]
    private static partial Regex SectionConstant();

    [GeneratedRegex(@"\{Section\}:(\w+)")]
    private static partial Regex SectionRead();
}
