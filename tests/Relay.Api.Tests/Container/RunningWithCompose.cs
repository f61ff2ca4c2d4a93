using Relay.Api.Tests.Infrastructure;

namespace Relay.Api.Tests.Container;

/// <summary>docker-compose.yml parses, runs Relay beside PostgreSQL, and gives Relay only settings it reads.</summary>
public sealed class RunningWithCompose
{
    private static readonly ComposeFile Compose = ComposeFile.Parse(RepositoryFiles.Read("docker-compose.yml"));
    private static readonly string[] Secrets = ["Relay__Admin__ApiKey", "Relay__Secrets__Key"];

    [Fact]
    public void Relay_is_built_from_the_dockerfile_and_starts_after_PostgreSQL_keeps_its_data_on_a_named_volume()
    {
        var relay = Compose.Service("relay");
        var context = RepositoryFiles.PathOf(ComposeFile.Scalar(relay, "build")!);
        File.Exists(Path.Combine(context, "Dockerfile")).ShouldBeTrue();
        ComposeFile.List(relay, "depends_on").ShouldBe(["postgres"]);
        var volume = ComposeFile.List(Compose.Service("postgres"), "volumes").ShouldHaveSingleItem().Split(':');
        volume[1].ShouldBe("/var/lib/postgresql/data");
        Compose.Volumes.ShouldContain(volume[0]);
        var exposed = Dockerfile.Parse(RepositoryFiles.Read("Dockerfile")).Final.All("EXPOSE").Single();
        ComposeFile.List(relay, "ports").ShouldHaveSingleItem().ShouldEndWith($":{exposed}");
    }

    [Fact]
    public void Every_secret_comes_from_the_environment_and_compose_refuses_to_start_without_it()
    {
        var relay = Compose.Environment("relay");
        foreach (var secret in Secrets)
            ComposeFile.Variables(relay[secret]).ShouldHaveSingleItem().Rule.ShouldStartWith(":?");
        var password = ComposeFile.Variables(Compose.Environment("postgres")["POSTGRES_PASSWORD"]).Single();
        password.Rule.ShouldStartWith(":?");
        // Every variable either has a default or stops compose with a message: none is silently empty.
        foreach (var (name, value) in Compose.Environment("relay").Concat(Compose.Environment("postgres")))
            ComposeFile.Variables(value).ShouldAllBe(v => v.Rule.StartsWith(":?") || v.Rule.StartsWith(":-"), name);
    }

    [Fact]
    public void Relay_connects_to_the_database_the_postgres_service_creates()
    {
        var postgres = Compose.Environment("postgres");
        var parts = Compose.Environment("relay")["ConnectionStrings__Relay"].Split(';')
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        parts["Host"].ShouldBe("postgres");
        parts["Database"].ShouldBe(postgres["POSTGRES_DB"]);
        parts["Username"].ShouldBe(postgres["POSTGRES_USER"]);
        ComposeFile.Variables(parts["Password"]).Single().Name.ShouldBe("POSTGRES_PASSWORD");
    }

    [Fact]
    public void Every_setting_compose_gives_Relay_is_one_Relay_reads()
    {
        var keys = Compose.Environment("relay").Keys.ToList();
        keys.ShouldNotBeEmpty();
        keys.Where(k => !SettingsRelayReads.Reads(k)).ShouldBeEmpty();
    }

    [Fact]
    public void The_readme_documents_exactly_the_settings_Relay_reads()
    {
        var documented = ReadmeSettings.Keys();
        documented.Where(k => !SettingsRelayReads.Reads(k)).ShouldBeEmpty("documented, but Relay does not read them");
        SettingsRelayReads.Keys.Where(k => !SettingsRelayReads.IsDocumented(k, documented)).Order().ToList()
            .ShouldBeEmpty("Relay reads them, but the README's configuration table does not say so");
    }

    [Fact]
    public void The_readme_names_the_variables_compose_needs()
    {
        var needed = Compose.Environment("relay").Concat(Compose.Environment("postgres"))
            .SelectMany(e => ComposeFile.Variables(e.Value)).Where(v => v.Rule.StartsWith(":?")).Select(v => v.Name);
        var readme = RepositoryFiles.Read("README.md");
        var docker = readme[readme.IndexOf("## Docker", StringComparison.Ordinal)..];
        needed.Distinct().ShouldAllBe(name => docker.Contains($"`{name}`"));
    }
}
