using Relay.Api.Clients.AccountView;
using Relay.Domain.Products;

namespace Relay.Api.Features.Products;

/// <summary>
/// Shop categories as AccountView article groups (AG1): the group whose description is the category's
/// name, else one created with a code made from it. One creation at a time, so products written side by
/// side do not both create the group.
/// </summary>
public sealed class ArticleGroups(AccountViewClient accountView)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<(string Code, string Why)> CodeForAsync(AccountViewAccess av, string category, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var groups = await accountView.ReadCodesAsync(av, AvCodeList.ArticleGroups, ct);
            if (groups.FirstOrDefault(g => string.Equals(g.Description.Trim(), category.Trim(), StringComparison.OrdinalIgnoreCase)) is { } named)
                return (named.Code, $"Category '{category}' is article group {named.Code}.");
            var code = ArticleRules.GroupCode(category);
            if (groups.FirstOrDefault(g => string.Equals(g.Code, code, StringComparison.OrdinalIgnoreCase)) is { } same)
                return (same.Code, $"Category '{category}' is article group {same.Code} ('{same.Description}').");
            await accountView.CreateArticleGroupAsync(av, code, category, ct);
            return (code, $"Category '{category}' had no article group: group {code} was created.");
        }
        finally
        {
            _gate.Release();
        }
    }
}
