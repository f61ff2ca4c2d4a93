using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Relay.Api.Infrastructure.Secrets;

namespace Relay.Api.Dashboard.Access;

/// <summary>
/// The keys that protect the dashboard's sign-in cookies and antiforgery tokens, kept in PostgreSQL: every replica
/// reads the same key ring, so a sign-in holds whichever replica answers, and a restart keeps it. Each key is
/// sealed with Relay's secrets key (never in the database), as the credentials are: a copy of the database alone
/// cannot forge a sign-in.
/// </summary>
public sealed class DashboardKeyRing(IDocumentStore store, SecretBox box) : IXmlRepository
{
    // The framework's repository contract is synchronous and Marten's data access asynchronous only: it waits here.
    // It is called when the ring is first read (again after a day) and when a key is made (every 90 days), not per
    // request, and ASP.NET Core has no synchronisation context to deadlock on.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var session = store.QuerySession();
        var keys = session.Query<DashboardKeyDocument>().ToListAsync().GetAwaiter().GetResult();
        return [.. keys.Select(k => XElement.Parse(box.Open(k.Xml)))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var session = store.LightweightSession();
        session.Store(new DashboardKeyDocument
        {
            Id = friendlyName, Xml = box.Seal(element.ToString(SaveOptions.DisableFormatting)),
        });
        session.SaveChangesAsync().GetAwaiter().GetResult();
    }
}

/// <summary>One key of the dashboard's key ring, sealed; its id is the framework's name for it (key-{guid}).
/// </summary>
public sealed class DashboardKeyDocument
{
    public required string Id { get; init; }
    public required string Xml { get; init; }
}
