using System.Security.Cryptography;
using System.Text;
using Relay.Api.Clients.AccountView;

namespace Relay.Api.Features.Products;

/// <summary>
/// A hash of each article's product fields when it was last queued (one document per connection): every
/// field but the quantities and the change and entry stamps, so a stock count alone is no product change.
/// </summary>
public sealed class ArticleFingerprints
{
    public required string Id { get; init; }
    public Dictionary<string, string> ByCode { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public static string Of(AvRow row)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in row.Fields.OrderBy(f => f.Key, StringComparer.OrdinalIgnoreCase))
        {
            var upper = name.ToUpperInvariant();
            if (upper.StartsWith("QTY_", StringComparison.Ordinal) || upper.StartsWith("CNG_", StringComparison.Ordinal) || upper.StartsWith("INP_", StringComparison.Ordinal)) continue;
            text.Append(upper).Append('=').Append(value?.ToJsonString()).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }
}
