using Npgsql;
using Relay.Api.Infrastructure.Database;

namespace Relay.Api.Tests.Database;

/// <summary>Relay prepares its statements and skips the reset at pool checkout, with connections that live a
/// minute, in a pool of 30, unless the operator says otherwise in the connection string.</summary>
public sealed class PoolingConnections
{
    [Theory]
    [InlineData("Host=db;Database=relay", 64, true, 60, 30)]
    [InlineData("Host=db;Database=relay;Max Auto Prepare=0", 0, true, 60, 30)]
    [InlineData("Host=db;Database=relay;MaxAutoPrepare=10;No Reset On Close=false", 10, false, 60, 30)]
    [InlineData("Host=db;Database=relay;Connection Lifetime=0", 64, true, 0, 30)]
    [InlineData("Host=db;Database=relay;Maximum Pool Size=12", 64, true, 60, 12)]
    [InlineData("Host=db;Database=relay;MaxPoolSize=80", 64, true, 60, 80)]
    public void Statements_are_prepared_and_connections_not_reset_unless_the_operator_says_otherwise(
        string given, int prepared, bool noReset, int lifetime, int poolSize)
    {
        var pooled = new NpgsqlConnectionStringBuilder(StorageSetup.Pooled(given));

        pooled.MaxAutoPrepare.ShouldBe(prepared);
        pooled.NoResetOnClose.ShouldBe(noReset);
        pooled.ConnectionLifetime.ShouldBe(lifetime);
        pooled.MaxPoolSize.ShouldBe(poolSize);
        pooled.Host.ShouldBe("db");
    }
}
