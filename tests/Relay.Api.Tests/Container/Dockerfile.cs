using System.Text.RegularExpressions;

namespace Relay.Api.Tests.Container;

/// <summary>A Dockerfile read as its instructions (continuation lines joined, comments left out), by stage.</summary>
public sealed partial record Dockerfile(IReadOnlyList<Dockerfile.Stage> Stages)
{
    public sealed record Instruction(string Name, string Arguments);

    public sealed record Stage(string Base, string? Name, IReadOnlyList<Instruction> Instructions)
    {
        public IEnumerable<string> All(string name) =>
            Instructions.Where(i => i.Name == name).Select(i => i.Arguments);
    }

    public Stage Final => Stages[^1];

    public static Dockerfile Parse(string text)
    {
        var joined = ContinuedLine().Replace(text, " ");
        var stages = new List<Stage>();
        foreach (var line in joined.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var space = line.IndexOf(' ');
            var instruction = new Instruction(line[..space].ToUpperInvariant(), line[(space + 1)..].Trim());
            if (instruction.Name == "FROM")
            {
                var words = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stages.Add(new Stage(words[0], words.Length == 3 ? words[2] : null, new List<Instruction>()));
            }
            else ((List<Instruction>)stages[^1].Instructions).Add(instruction);
        }
        return new Dockerfile(stages);
    }

    /// <summary>A COPY's --from (null: the build context) and its sources (all words but options and target).</summary>
    public static (string? From, IReadOnlyList<string> Sources) Copy(string arguments)
    {
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var from = words.FirstOrDefault(w => w.StartsWith("--from=", StringComparison.Ordinal))?["--from=".Length..];
        var paths = words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        return (from, paths[..^1]);
    }

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex ContinuedLine();
}
