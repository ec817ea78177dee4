using System.Collections.Concurrent;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>
/// What probes read: the target's read-only file tree, and a per-evaluation memo so that what
/// several objects need (the dpkg database, /etc/passwd parsed) is read once.
/// </summary>
public sealed class ProbeContext(FileTree tree)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _memo = new(StringComparer.Ordinal);

    public FileTree Tree { get; } = tree;

    /// <summary>The value <paramref name="load"/> gives for <paramref name="key"/>, computed at most once per context.</summary>
    public async Task<T> MemoAsync<T>(string key, Func<Task<T>> load)
        where T : class =>
        (T)await _memo.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await load().ConfigureAwait(false))).Value.ConfigureAwait(false);
}
