using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Relay.Api.Features.Health;
using Relay.Api.Tests.Infrastructure;

namespace Relay.Api.Tests.Container;

/// <summary>
/// What can be checked of the Dockerfile and docker-compose.yml without a Docker engine (there is none on these
/// machines): the paths, projects and stages they name exist, and the settings they give are ones Relay reads.
/// </summary>
[Collection(RelayCollection.Name)]
public sealed partial class ShippingTheContainer(RelayFixture relay)
{
    private static readonly Dockerfile Image = Dockerfile.Parse(RepositoryFiles.Read("Dockerfile"));

    [Fact]
    public void The_dockerfile_copies_only_paths_that_exist_and_the_build_context_keeps()
    {
        var ignored = RepositoryFiles.Read(".dockerignore").Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var sources = Image.Stages.SelectMany(s => s.All("COPY")).Select(Dockerfile.Copy)
            .Where(c => c.From is null).SelectMany(c => c.Sources).ToList();
        sources.ShouldNotBeEmpty();
        foreach (var source in sources)
        {
            var path = RepositoryFiles.PathOf(source);
            (File.Exists(path) || Directory.Exists(path)).ShouldBeTrue($"COPY {source}: no such file or folder");
            ignored.ShouldNotContain(p => Ignores(p.TrimEnd('/'), source.TrimEnd('/')),
                $"COPY {source}: .dockerignore");
        }
    }

    [Fact]
    public void The_restore_layer_has_every_project_Relay_Api_builds_from()
    {
        var build = Image.Stages.Single(s => s.All("RUN").Any(r => r.Contains("dotnet restore")));
        var beforeRestore = build.Instructions.TakeWhile(i => !i.Arguments.Contains("dotnet restore"))
            .Where(i => i.Name == "COPY").SelectMany(i => Dockerfile.Copy(i.Arguments).Sources).ToHashSet();
        foreach (var project in ProjectsOf("src/Relay.Api/Relay.Api.csproj"))
            beforeRestore.ShouldContain(project, $"{project} is not copied before the restore");
        var named = Image.Stages.SelectMany(s => s.All("RUN")).SelectMany(r => Project().Matches(r))
            .Select(m => m.Value).ToList();
        named.ShouldNotBeEmpty();
        named.ShouldAllBe(p => File.Exists(RepositoryFiles.PathOf(p)));
    }

    [Fact]
    public void Each_stage_starts_from_an_image_or_an_earlier_stage_and_copies_only_from_earlier_stages()
    {
        Image.Stages.Count.ShouldBeGreaterThanOrEqualTo(2, "multi-stage: the SDK does not ship in the image");
        for (var i = 0; i < Image.Stages.Count; i++)
        {
            var earlier = Image.Stages.Take(i).Select(s => s.Name).OfType<string>().ToList();
            var stage = Image.Stages[i];
            var image = stage.Base.StartsWith("mcr.microsoft.com/dotnet/", StringComparison.Ordinal);
            (earlier.Contains(stage.Base) || image).ShouldBeTrue(stage.Base);
            foreach (var from in stage.All("COPY").Select(c => Dockerfile.Copy(c).From).OfType<string>())
                earlier.ShouldContain(from, $"COPY --from={from} in stage {stage.Name}");
        }
        Image.Final.Base.ShouldStartWith("mcr.microsoft.com/dotnet/aspnet:");
    }

    [Fact]
    public void The_image_runs_Relay_in_production_as_a_user_that_is_not_root()
    {
        var user = Image.Final.All("USER").ShouldHaveSingleItem();
        user.ShouldNotBeOneOf("root", "0", "0:0");
        Environment(Image.Final)["ASPNETCORE_ENVIRONMENT"].ShouldBe("Production");
        Environment(Image.Final).Keys.ShouldNotContain(k => k.StartsWith("Relay__Sandbox", StringComparison.Ordinal));
        Image.Final.All("ENTRYPOINT").ShouldHaveSingleItem().ShouldBe("""["dotnet", "Relay.Api.dll"]""");
    }

    [Fact]
    public void The_health_check_asks_Relay_for_its_readiness_route_on_the_port_the_image_exposes()
    {
        var check = Image.Final.All("HEALTHCHECK").ShouldHaveSingleItem();
        check.ShouldEndWith($"""CMD ["dotnet", "Relay.Api.dll", "{HealthProbe.Switch}"]""");
        var settings = new ConfigurationBuilder().AddInMemoryCollection(Environment(Image.Final)
            .Where(e => e.Key.StartsWith("ASPNETCORE_", StringComparison.Ordinal))
            .Select(e => KeyValuePair.Create(e.Key["ASPNETCORE_".Length..], (string?)e.Value))).Build();
        var address = new Uri(HealthProbe.ReadyAddress(settings));
        address.Port.ShouldBe(int.Parse(Image.Final.All("EXPOSE").ShouldHaveSingleItem()));
        var routes = relay.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText?.Trim('/'));
        routes.ShouldContain(address.AbsolutePath);
        address.AbsolutePath.ShouldBe("/health/ready");
    }

    private static bool Ignores(string pattern, string path) => pattern.StartsWith("**/", StringComparison.Ordinal)
        ? path.Split('/').Contains(pattern[3..])
        : path == pattern || path.StartsWith(pattern + "/", StringComparison.Ordinal);

    /// <summary>The ENV of a stage (NAME=value pairs, several to an instruction).</summary>
    private static Dictionary<string, string> Environment(Dockerfile.Stage stage) =>
        stage.All("ENV").SelectMany(e => e.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    /// <summary>A project and every project it references, transitively, as paths from the repository root.</summary>
    private static IEnumerable<string> ProjectsOf(string project)
    {
        yield return project;
        var folder = Path.GetDirectoryName(RepositoryFiles.PathOf(project))!;
        foreach (var reference in XDocument.Load(RepositoryFiles.PathOf(project)).Descendants("ProjectReference"))
        {
            var path = Path.GetFullPath(Path.Combine(folder, reference.Attribute("Include")!.Value.Replace('\\', '/')));
            foreach (var p in ProjectsOf(Path.GetRelativePath(RepositoryFiles.Root, path))) yield return p;
        }
    }

    [GeneratedRegex(@"[\w./-]+\.csproj")]
    private static partial Regex Project();
}
