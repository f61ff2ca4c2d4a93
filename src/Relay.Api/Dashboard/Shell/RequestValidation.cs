using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Validation;

namespace Relay.Api.Dashboard.Shell;

/// <summary>
/// The checks the admin API's routes make of a body before their handler runs (.NET's AddValidation, its
/// DataAnnotations): a page calls the handler directly, so it asks for the same checks here first.
/// </summary>
/// <remarks>.NET 10 marks this API as for evaluation (ASP0029); it is what the routes themselves run, so the page
/// and the route cannot disagree. If it changes, this file is the one place to follow it.</remarks>
#pragma warning disable ASP0029
public static class RequestValidation
{
    private static readonly IReadOnlyDictionary<string, string[]> None = new Dictionary<string, string[]>();

    /// <summary>The problems of a body by member path (CcvShop.BaseUrl); empty when it is valid.</summary>
    public static async Task<IReadOnlyDictionary<string, string[]>> ProblemsAsync<T>(T body, IServiceProvider services,
        CancellationToken ct) where T : notnull
    {
        var options = services.GetRequiredService<IOptions<ValidationOptions>>().Value;
        if (!options.TryGetValidatableTypeInfo(typeof(T), out var info)) return None;
        var context = new ValidateContext
        {
            ValidationOptions = options,
            ValidationContext = new ValidationContext(body, services, null),
        };
        await info.ValidateAsync(body, context, ct);
        return context.ValidationErrors is { Count: > 0 } errors ? errors.AsReadOnly() : None;
    }
}
#pragma warning restore ASP0029
