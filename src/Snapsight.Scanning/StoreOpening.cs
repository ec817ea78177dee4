using Snapsight.Advisories.Store;

namespace Snapsight.Scanning;

/// <summary>
/// Opens the advisory store while the disk is read. Loading SQLite, checking the schema and
/// preparing the lookups costs about as much as reading a small disk, and the read leaves the
/// second core idle. A missing store is still refused before anything is read; a store that
/// turns out unusable cancels the read, and its error is the one reported.
/// </summary>
public sealed class StoreOpening : IDisposable
{
    private readonly CancellationTokenSource _read;
    private readonly Task<AdvisoryStore> _opening;

    private volatile bool _failed;

    private StoreOpening(string path, CancellationToken cancellationToken)
    {
        _read = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _opening = Task.Run(() =>
        {
            try
            {
                return AdvisoryStore.Open(path);
            }
            catch
            {
                // Marked before the read is cancelled: the read's handler must know why it stopped
                // although the task is not yet faulted while this catch block runs.
                _failed = true;
                _read.Cancel();
                throw;
            }
        }, CancellationToken.None);
    }

    /// <summary>The token the disk read runs under: cancelled by the caller's, or by the store failing to open.</summary>
    public CancellationToken ReadToken => _read.Token;

    public static StoreOpening Start(string path, CancellationToken cancellationToken)
    {
        AdvisoryStore.RequireFile(path);
        return new StoreOpening(path, cancellationToken);
    }

    /// <summary>Runs the disk read; if it stopped because the store failed, the store's error is thrown instead.</summary>
    public async Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read)
    {
        try
        {
            return await read(ReadToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_failed)
        {
            await _opening.ConfigureAwait(false); // throws the store's error
            throw;
        }
    }

    /// <summary>The open store, once the read is done; it stays open until this is disposed.</summary>
    public Task<AdvisoryStore> StoreAsync() => _opening;

    /// <summary>Closes the store, or, when the read failed before it finished opening, closes it once it has.</summary>
    public void Dispose()
    {
        if (_opening.IsCompleted)
        {
            Close(_opening);
            return;
        }

        _opening.ContinueWith(Close, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private void Close(Task<AdvisoryStore> opening)
    {
        _read.Dispose();
        if (opening.IsCompletedSuccessfully)
        {
            opening.Result.Dispose();
        }
    }
}
