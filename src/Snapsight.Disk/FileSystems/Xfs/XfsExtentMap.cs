namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// A fork's extents sorted by file block, checked not to overlap. Gaps between extents are
/// holes (sparse files read zeros there).
/// </summary>
internal sealed class XfsExtentMap
{
    /// <summary>
    /// The most extents one fork may have here: 2^21 records are 32 MiB of bmbt leaves, far
    /// beyond real files (the kernel's default per-fork limit before nrext64 is 2^31, but
    /// such files are pathological); the cap bounds memory on hostile counts.
    /// </summary>
    public const int MaxExtents = 1 << 21;

    private readonly XfsExtent[] _extents;

    public XfsExtentMap(List<XfsExtent> extents, string structure, long offset)
    {
        _extents = [.. extents];
        for (var i = 1; i < _extents.Length; i++)
        {
            if (_extents[i].FileBlock < _extents[i - 1].FileBlockEnd)
            {
                throw new DiskFormatException("xfs", structure, offset,
                    $"extent {i} starts at file block {_extents[i].FileBlock}, before the end {_extents[i - 1].FileBlockEnd} of the one before it");
            }
        }
    }

    public IReadOnlyList<XfsExtent> Extents => _extents;

    /// <summary>
    /// Finds the extent holding <paramref name="fileBlock"/>; when none does, returns null and
    /// the first file block after it that is mapped (or long.MaxValue) so holes can be skipped.
    /// </summary>
    public XfsExtent? Find(long fileBlock, out long nextMapped)
    {
        int lo = 0, hi = _extents.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var e = _extents[mid];
            if (fileBlock < e.FileBlock)
            {
                hi = mid - 1;
            }
            else if (fileBlock >= e.FileBlockEnd)
            {
                lo = mid + 1;
            }
            else
            {
                nextMapped = fileBlock;
                return e;
            }
        }

        nextMapped = lo < _extents.Length ? _extents[lo].FileBlock : long.MaxValue;
        return null;
    }
}
