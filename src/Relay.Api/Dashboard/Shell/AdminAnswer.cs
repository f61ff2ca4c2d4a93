using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Relay.Api.Dashboard.Shell;

/// <summary>
/// What an admin API handler answered, taken apart for a page: the value, or the problem details (a validation
/// problem's errors by field, so a page can show each beside its field).
/// </summary>
public sealed record AdminAnswer<T>(T? Value, ProblemDetails? Problem)
{
    private static readonly IDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public bool IsNotFound => Problem?.Status == StatusCodes.Status404NotFound;

    public IDictionary<string, string[]> Errors => (Problem as HttpValidationProblemDetails)?.Errors ?? NoErrors;

    /// <summary>The errors of one field (its JSON path), empty when it has none.</summary>
    public IReadOnlyList<string> ErrorsOf(string field) => Errors.TryGetValue(field, out var e) ? e : [];
}

public static class AdminAnswer
{
    /// <summary>The answer of a handler's typed results (Results&lt;Ok&lt;T&gt;, ProblemHttpResult, ...&gt;).</summary>
    public static AdminAnswer<T> Of<T>(IResult result) => result switch
    {
        INestedHttpResult nested => Of<T>(nested.Result),
        IValueHttpResult<T> value => new(value.Value, null),
        ProblemHttpResult problem => new(default, problem.ProblemDetails),
        ValidationProblem validation => new(default, validation.ProblemDetails),
        _ => throw new InvalidOperationException(
            $"An admin handler answered {result.GetType().Name}, not {typeof(T).Name}."),
    };
}
