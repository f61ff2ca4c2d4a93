using System.Text.RegularExpressions;
using Relay.Api.Tests.Infrastructure;

namespace Relay.Api.Tests.Container;

/// <summary>The keys in the README's configuration table (its first column).</summary>
public static partial class ReadmeSettings
{
    public static IReadOnlyList<string> Keys()
    {
        var readme = RepositoryFiles.Read("README.md");
        var start = readme.IndexOf("## Configuration", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return Row().Matches(readme[start..end]).Select(m => m.Groups[1].Value).ToList();
    }

    [GeneratedRegex(@"^\| `([^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex Row();
}
