using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace Relay.Api.Dashboard.Shell;

/// <summary>A page of the signed-in dashboard: it needs a sign-in, and acts as the key that signed in.</summary>
[Authorize(Policy = DashboardSignIn.Policy)]
public abstract class DashboardPage : ComponentBase
{
    [CascadingParameter] protected HttpContext Http { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>Who signed in: the admin API's handlers are called as this caller.</summary>
    protected ClaimsPrincipal User => Http.User;

    protected CancellationToken Ct => Http.RequestAborted;

    /// <summary>Asks the admin API's handlers for what the page shows; false when they answered 404.</summary>
    protected abstract Task<bool> LoadAsync();

    protected sealed override async Task OnInitializedAsync()
    {
        // A page renders once while it waits on the handlers, showing nothing: "not found" only once they said so.
        if (!await LoadAsync()) Navigation.NotFound(); // the router shows its not-found page, with a 404
    }
}
