using Relay.Domain.Mapping;

namespace Relay.Api.Features.Connections;

/// <summary>
/// A connection's copy of its AccountView administration's data dictionary: the fields of the tables Relay writes
/// and the
/// business objects. Kept per connection (id = the connection's), read at verify time, again after a day and on demand.
/// </summary>
public sealed record AccountViewFieldsDocument
{
    public required string Id { get; init; }

    /// <summary>The last dictionary read; null when none could be read yet (writes then keep to the evidenced
    /// fields).</summary>
    public AdministrationFields? Fields { get; init; }

    public DateTimeOffset? ReadAt { get; init; }
    public DateTimeOffset AttemptedAt { get; init; }

    /// <summary>Why the last attempt failed, in AccountView's words; null after a successful read.</summary>
    public string? Problem { get; init; }
}
