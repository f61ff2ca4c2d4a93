using Marten;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Relay.Api.Features.Connections;

namespace Relay.Api.Dashboard.Shell;

/// <summary>A page of one connection (an assistant step, its settings, its alerts): the connection as the API shows
/// it, or the not-found page.</summary>
public abstract class ConnectionScopedPage : DashboardPage
{
    [Parameter] public string Id { get; set; } = "";

    [Inject] protected IDocumentSession Session { get; set; } = default!;

    [Inject] private IStringLocalizer<Texts> Localizer { get; set; } = default!;

    protected ConnectionResponse? Connection { get; set; }

    protected IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    protected IReadOnlyList<string> ErrorsOf(string field) => Errors.TryGetValue(field, out var e) ? e : [];

    /// <summary>The page's forms send whole settings documents, so they carry the connection's version: only
    /// such a page reads it.</summary>
    protected virtual bool CarriesVersion => false;

    /// <summary>The connection's version this page shows (read before it), carried by its forms in a
    /// <see cref="VersionField"/>.</summary>
    protected string? ConnectionVersion { get; private set; }

    /// <summary>The version the posted form was made at, whichever form of the page it is.</summary>
    [SupplyParameterFromForm(Name = "ConnectionVersion")] private string? PostedVersion { get; set; }

    /// <summary>A change through an admin handler, refused (412, shown at the top) when the connection changed since
    /// the form was made; the page shows the new version after it.</summary>
    protected async Task<IResult> ChangeAsync<T>(Func<Task<T>> change) where T : IResult
    {
        var answer = await ConnectionVersions.ChangeAtAsync(PostedVersion, change);
        if (CarriesVersion) ConnectionVersion = await ConnectionVersions.VersionOfAsync(Http, Id);
        return answer;
    }

    protected sealed override async Task<bool> LoadAsync()
    {
        if (CarriesVersion) ConnectionVersion = await ConnectionVersions.VersionOfAsync(Http, Id);
        Connection = AdminAnswer.Of<ConnectionResponse>(
            await ConnectionEndpoints.GetConnectionAsync(Id, User, Session, Ct)).Value;
        if (Connection is null) return false;
        await LoadStepAsync();
        return true;
    }

    protected virtual Task LoadStepAsync() => Task.CompletedTask;

    /// <summary>A handler's answer that was not a value: its field errors, or its problem under "" (shown at the
    /// top); a change refused because the connection changed since the page was made says so in the page's
    /// language.</summary>
    protected Dictionary<string, string[]> ProblemsOf<T>(AdminAnswer<T> answer) =>
        answer.Errors.Count > 0 ? answer.Errors.ToDictionary(e => e.Key, e => e.Value)
            : new Dictionary<string, string[]>
            {
                [""] = [answer.Problem?.Status == StatusCodes.Status412PreconditionFailed
                    ? Localizer["Setup.ChangedMeanwhile"]
                    : answer.Problem?.Detail ?? answer.Problem?.Title ?? ""],
            };
}
