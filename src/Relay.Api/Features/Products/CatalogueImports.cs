using System.Collections.Concurrent;
using Marten;
using Relay.Api.Clients;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.Products;

/// <summary>
/// Runs imports in the background: reading a catalogue of tens of thousands takes longer than an HTTP
/// request should, so the import is on record at once (state Reading) and its items are queued when read.
/// An import a stop cut off while reading is marked Failed at the next start, so nobody waits on it.
/// </summary>
public sealed class CatalogueImports(IDocumentStore store, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<CatalogueImports> logger)
    : IHostedService
{
    private readonly ConcurrentDictionary<string, Task> _running = new();

    public async Task<CatalogueImportDocument> StartAsync(string connectionId, Flow flow, Func<CancellationToken, Task<IReadOnlyList<string>>> read, CancellationToken ct)
    {
        var import = new CatalogueImportDocument { Id = Guid.NewGuid().ToString("N"), ConnectionId = connectionId, Flow = flow.ToString(), StartedAt = clock.GetUtcNow() };
        await SaveAsync(import, ct);
        _running[import.Id] = Task.Run(() => ReadAsync(import, read, lifetime.ApplicationStopping), CancellationToken.None);
        return import;
    }

    /// <summary>
    /// Imports left Reading by an earlier run end as Failed. (Another replica reading one at this moment
    /// saves it as Queued when it is done, over this.)
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var startedAt = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        var cut = await session.Query<CatalogueImportDocument>().Where(i => i.State == ImportState.Reading && i.StartedAt < startedAt).ToListAsync(cancellationToken);
        foreach (var import in cut)
        {
            (import.State, import.Error) = (ImportState.Failed, "Relay stopped while it read the catalogue: nothing was queued. Start the import again.");
            session.Store(import);
        }
        await session.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Whether no import is reading.</summary>
    public bool Idle => _running.IsEmpty;

    /// <summary>Waits for the imports still reading (tests).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Values);

    private async Task ReadAsync(CatalogueImportDocument import, Func<CancellationToken, Task<IReadOnlyList<string>>> read, CancellationToken ct)
    {
        try
        {
            import.Keys = await read(ct);
            import.State = ImportState.Queued;
        }
        catch (Exception e) when (OutboundFailure.Is(e, ct))
        {
            (import.State, import.Error) = (ImportState.Failed, $"The catalogue could not be read: {OutboundFailure.Describe(e)}. Nothing was queued.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Import {ImportId} of {ConnectionId} failed", import.Id, import.ConnectionId);
            (import.State, import.Error) = (ImportState.Failed, $"Unexpected error ({e.GetType().Name}); nothing was queued.");
        }
        finally
        {
            _running.TryRemove(import.Id, out _);
        }
        await SaveAsync(import, CancellationToken.None);
    }

    private async Task SaveAsync(CatalogueImportDocument import, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Store(import);
        await session.SaveChangesAsync(ct);
    }
}
