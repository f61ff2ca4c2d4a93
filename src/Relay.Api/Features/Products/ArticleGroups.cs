using Microsoft.Extensions.Caching.Memory;
using Relay.Api.Clients.AccountView;
using Relay.Api.Infrastructure.Caching;
using Relay.Domain.Products;

namespace Relay.Api.Features.Products;

/// <summary>
/// AccountView's article groups (AG1) for the product flows: their descriptions (AccountView master: the
/// shop category names), and shop categories as groups (shop master: the group described by the
/// category's name, else one created with a code made from it). The list is remembered per connection
/// for <see cref="ListLifetime"/> and read again when a code or name is not in it, so an import reads it
/// once, not once per product. One caller at a time, so products side by side never both create a group.
/// </summary>
public sealed class ArticleGroups(AccountViewClient accountView, TimeProvider clock,
    [FromKeyedServices(RelayMemory.Key)] IMemoryCache memory)
{
    public static readonly TimeSpan ListLifetime = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Group code → description for the codes asked (a code AccountView does not have is left out).</summary>
    public async Task<IReadOnlyDictionary<string, string>> DescriptionsAsync(AccountViewAccess av, IReadOnlyCollection<string> codes, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var groups = await ListAsync(av, refresh: false, ct);
            if (codes.Any(c => c.Length > 0 && !groups.Any(g => Same(g.Code, c)))) groups = await ListAsync(av, refresh: true, ct);
            return groups.Where(g => codes.Any(c => Same(g.Code, c))).DistinctBy(g => g.Code.ToUpperInvariant())
                .ToDictionary(g => g.Code, g => g.Description, StringComparer.OrdinalIgnoreCase);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<(string Code, string Why)> CodeForAsync(AccountViewAccess av, string category, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var code = ArticleRules.GroupCode(category);
            var groups = await ListAsync(av, refresh: false, ct);
            if (Find(groups, category, code) is null) groups = await ListAsync(av, refresh: true, ct); // made since the list was read?
            if (Find(groups, category, code) is { } found)
                return Same(found.Description, category)
                    ? (found.Code, $"Category '{category}' is article group {found.Code}.")
                    : (found.Code, $"Category '{category}' is article group {found.Code} ('{found.Description}').");
            var created = await accountView.CreateArticleGroupAsync(av, code, category, ct);
            groups.Add(new AvCode(code, category, created));
            return (code, $"Category '{category}' had no article group: group {code} was created.");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The group described by the category's name, else the one with the code made from it.</summary>
    private static AvCode? Find(List<AvCode> groups, string category, string code) =>
        groups.FirstOrDefault(g => Same(g.Description, category)) ?? groups.FirstOrDefault(g => Same(g.Code, code));

    private async Task<List<AvCode>> ListAsync(AccountViewAccess av, bool refresh, CancellationToken ct)
    {
        var key = (nameof(ArticleGroups), av.ConnectionId);
        if (!refresh && memory.TryGetValue(key, out List<AvCode>? known) && known is not null) return known;
        var groups = (await accountView.ReadCodesAsync(av, AvCodeList.ArticleGroups, ct)).ToList();
        // Groups change seldom, and a code missing from the list is read again: ListLifetime only bounds staleness.
        return memory.Remember(key, groups, clock.GetUtcNow() + ListLifetime);
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
