using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using netDumbster.smtp;

namespace Relay.Api.Tests.Infrastructure;

/// <summary>Where a test's alerts go: a local webhook receiver (Kestrel on loopback) and an SMTP sink (netDumbster).
/// </summary>
public sealed class AlertReceivers : IAsyncDisposable
{
    public sealed record Delivery(string Id, string Timestamp, string Signature, byte[] Body)
    {
        public JsonNode Json => JsonNode.Parse(Body)!;
    }

    private readonly WebApplication _web;
    private readonly ConcurrentQueue<Delivery> _deliveries = new();

    public SimpleSmtpServer Smtp { get; }
    public string WebhookUrl { get; }

    /// <summary>While set, the webhook answers this status and keeps nothing.</summary>
    public int? FailWith { get; set; }

    public IReadOnlyList<Delivery> Deliveries => [.. _deliveries];

    private AlertReceivers(WebApplication web, SimpleSmtpServer smtp, string url) =>
        (_web, Smtp, WebhookUrl) = (web, smtp, url);

    public static async Task<AlertReceivers> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var web = builder.Build();
        AlertReceivers? receivers = null;
        web.MapPost("/alerts", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            if (receivers!.FailWith is { } status) return Results.StatusCode(status);
            receivers._deliveries.Enqueue(new Delivery(request.Headers["webhook-id"].ToString(),
                request.Headers["webhook-timestamp"].ToString(), request.Headers["webhook-signature"].ToString(),
                body.ToArray()));
            return Results.NoContent();
        });
        await web.StartAsync();
        var address = web.Urls.Single();
        receivers = new AlertReceivers(web, SimpleSmtpServer.Start(FreePort()), $"{address}/alerts");
        return receivers;
    }

    public int SmtpPort => Smtp.Configuration.Port;

    /// <summary>The subjects of the e-mails received so far.</summary>
    public IReadOnlyList<string> Subjects => [.. Smtp.ReceivedEmail.Select(m => m.Headers["Subject"] ?? "")];

    public IReadOnlyList<string> Bodies => [.. Smtp.ReceivedEmail.Select(m => m.MessageParts[0].BodyData)];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Smtp.Stop();
        await _web.DisposeAsync();
    }
}
