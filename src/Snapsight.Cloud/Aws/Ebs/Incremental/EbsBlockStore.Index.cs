namespace Snapsight.Cloud.Aws.Ebs.Incremental;

/// <summary>The in-memory index of the entries on disk, least recently used first, and eviction past the bound.</summary>
public sealed partial class EbsBlockStore
{
    /// <summary>Marks the entry used; false when there is none.</summary>
    private bool Touch(string key)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var node))
            {
                return false;
            }

            _recency.Remove(node);
            _recency.AddLast(node);
            return true;
        }
    }

    private void Index(string key)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
            }
            else
            {
                node = new LinkedListNode<string>(key);
                _entries[key] = node;
                _bytes += EbsCacheEntry.Size;
            }

            _recency.AddLast(node);
        }
    }

    private void Forget(string key)
    {
        lock (_gate)
        {
            ForgetLocked(key);
        }
    }

    private void ForgetLocked(string key)
    {
        if (_entries.Remove(key, out var node))
        {
            _recency.Remove(node);
            _bytes -= EbsCacheEntry.Size;
        }
    }

    private void Remove(string key)
    {
        Forget(key);
        File.Delete(PathOf(key));
    }

    /// <summary>Deletes the least recently used entries until the cache is within its bound.</summary>
    private void Evict()
    {
        while (true)
        {
            string victim;
            lock (_gate)
            {
                if (_bytes <= Options.MaxBytes || _recency.First is not { } oldest)
                {
                    return;
                }

                victim = oldest.Value;
                ForgetLocked(victim);
            }

            File.Delete(PathOf(victim));
        }
    }
}
