namespace Snapsight.Disk.FileSystems;

/// <summary>
/// What a directory said about a name, found or not, so that resolving many paths under the
/// same directories (/usr, /usr/lib, /usr/share) asks each file system once per name. Images
/// are read-only, so an answer never goes stale. Bounded: when full it starts again empty.
/// Thread-safe.
/// </summary>
internal sealed class LookupCache
{
    private const int MaxEntries = 16_384;

    private readonly Lock _gate = new();
    private readonly Dictionary<(IFileSystem FileSystem, long Directory, string Name), DirectoryEntry?> _answers = [];

    public async ValueTask<DirectoryEntry?> FindEntryAsync(IFileSystem fileSystem, long directory, string name, CancellationToken cancellationToken)
    {
        var key = (fileSystem, directory, name);
        lock (_gate)
        {
            if (_answers.TryGetValue(key, out var known))
            {
                return known;
            }
        }

        var answer = await fileSystem.FindEntryAsync(directory, name, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (_answers.Count >= MaxEntries)
            {
                _answers.Clear();
            }

            _answers[key] = answer;
        }

        return answer;
    }
}
