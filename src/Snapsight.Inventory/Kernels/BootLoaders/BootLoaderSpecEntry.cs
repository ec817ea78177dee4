namespace Snapsight.Inventory.Kernels.BootLoaders;

/// <summary>
/// One Boot Loader Specification type #1 entry (/boot/loader/entries/ID.conf, written by
/// kernel-install on Fedora and RHEL 8+): "key value" lines, '#' comments; the keys that matter
/// here are <c>title</c>, <c>version</c>, <c>linux</c> and <c>sort-key</c>. The id is the file
/// name without ".conf", which is what GRUB's saved_entry and systemd-boot's default name.
/// </summary>
internal static class BootLoaderSpecEntry
{
    public static (BootMenuEntry Entry, string? SortKey) Parse(string id, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? title = null, version = null, linux = null, sortKey = null;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            var line = rawLine.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            var space = line.IndexOfAny(' ', '\t');
            var key = space < 0 ? line : line[..space];
            var value = space < 0 ? "" : line[(space + 1)..].Trim().ToString();
            switch (key)
            {
                case "title": title ??= value; break;
                case "version": version ??= value; break;
                case "linux": linux ??= value; break;
                case "sort-key": sortKey ??= value; break;
            }
        }

        return (new BootMenuEntry(title ?? id, id, linux, version), sortKey);
    }

    /// <summary>
    /// The menu order GRUB's blscfg and systemd-boot give type #1 entries, as far as it matters
    /// for the default: by sort-key, then newest version first (compared the way rpm compares
    /// versions), then by id, newest first.
    /// </summary>
    public static IReadOnlyList<BootMenuEntry> InMenuOrder(IEnumerable<(BootMenuEntry Entry, string? SortKey)> entries) =>
        [.. entries
            .OrderBy(e => e.SortKey is null ? 1 : 0).ThenBy(e => e.SortKey, StringComparer.Ordinal)
            .ThenByDescending(e => e.Entry.Version ?? "", SegmentVersionComparer.Instance)
            .ThenByDescending(e => e.Entry.Id, SegmentVersionComparer.Instance)
            .Select(e => e.Entry)];
}
