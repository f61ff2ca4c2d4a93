namespace Relay.Api.Dashboard.Shell;

/// <summary>The dashboard's style sheet, built into Relay: no static-file pipeline or build step to serve it.</summary>
public static class DashboardStyle
{
    private static readonly Lazy<byte[]> Sheet = new(() =>
    {
        using var stream = typeof(DashboardStyle).Assembly
                               .GetManifestResourceStream("Relay.Api.Dashboard.dashboard.css")
                           ?? throw new InvalidOperationException("The dashboard's style sheet is not built in.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IResult Serve(HttpContext http)
    {
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Bytes(Sheet.Value, "text/css; charset=utf-8");
    }
}
