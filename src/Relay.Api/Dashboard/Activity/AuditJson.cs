using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Relay.Api.Dashboard.Activity;

/// <summary>An event's data, or a planned request's body, as the API writes it, indented for reading.</summary>
public sealed class AuditJson(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> api)
{
    private readonly JsonSerializerOptions _options = new(api.Value.SerializerOptions) { WriteIndented = true };

    public string Show(object data) => JsonSerializer.Serialize(data, data.GetType(), _options);
}
