using System.Text.Json.Serialization.Metadata;

namespace Relay.Api.Infrastructure.Http;

/// <summary>
/// The settings documents (Relay.Domain records with init members and defaults) are whole documents on the wire: a body
/// that leaves a member out is refused, naming it, instead of quietly taking the default (a script's {"enabled": false}
/// would otherwise have reset every other setting). Members of a record's constructor are governed by their own
/// defaults.
/// </summary>
public static class WholeDocuments
{
    public static void RequireEveryMember(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object
            || type.Type.Namespace?.StartsWith("Relay.Domain", StringComparison.Ordinal) != true) return;
        foreach (var member in type.Properties)
            if (member.Set is not null && member.AssociatedParameter is null) member.IsRequired = true;
    }
}
