using Marten;
using Microsoft.AspNetCore.Components;
using Relay.Api.Features.Connections;

namespace Relay.Api.Dashboard.Shell;

/// <summary>A page of one connection (an assistant step, its settings, its alerts): the connection as the API shows
/// it, or the not-found page.</summary>
public abstract class ConnectionScopedPage : DashboardPage
{
    [Parameter] public string Id { get; set; } = "";

    [Inject] protected IDocumentSession Session { get; set; } = default!;

    protected ConnectionResponse? Connection { get; set; }

    protected IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    protected IReadOnlyList<string> ErrorsOf(string field) => Errors.TryGetValue(field, out var e) ? e : [];

    protected sealed override async Task<bool> LoadAsync()
    {
        Connection = AdminAnswer.Of<ConnectionResponse>(
            await ConnectionEndpoints.GetConnectionAsync(Id, User, Session, Ct)).Value;
        if (Connection is null) return false;
        await LoadStepAsync();
        return true;
    }

    protected virtual Task LoadStepAsync() => Task.CompletedTask;

    /// <summary>A handler's answer that was not a value: its field errors, or its problem under "" (shown at the
    /// top).</summary>
    protected static Dictionary<string, string[]> ProblemsOf<T>(AdminAnswer<T> answer) =>
        answer.Errors.Count > 0 ? answer.Errors.ToDictionary(e => e.Key, e => e.Value)
            : new Dictionary<string, string[]> { [""] = [answer.Problem?.Detail ?? answer.Problem?.Title ?? ""] };
}
