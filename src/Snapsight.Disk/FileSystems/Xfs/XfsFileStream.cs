namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>A regular file's bytes, mapped block by block through its extent map.</summary>
internal sealed class XfsFileStream(XfsForkReader forks, XfsExtentMap map, long length) : PositionalReadStream(length)
{
    protected override ValueTask<int> ReadAtAsync(long position, Memory<byte> buffer, CancellationToken cancellationToken) =>
        forks.ReadSomeAsync(map, position, buffer, "xfs.file-data", cancellationToken);
}
