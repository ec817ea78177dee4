using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Ntfs;

/// <summary>
/// One small mkntfs + ntfs-3g image (4 KiB clusters, 1 KiB MFT records) shared by the hostile
/// tests, each of which damages its own in-memory copy. WinSxS holds 2,000 names, so its index
/// B-tree has interior INDX nodes whose child pointers can be bent into a cycle.
/// </summary>
public sealed class NtfsHostileImage : IDisposable
{
    private readonly TempDirectory _temp = new();

    public NtfsHostileImage()
    {
        Path = NtfsTestImage.Build(_temp, 24, 4096, 512, root => NtfsTestImage.PopulateWindowsTree(root, 2000)).Path;
    }

    public string Path { get; }

    public NtfsTestImage Copy() => NtfsTestImage.Open(Path);

    public void Dispose() => _temp.Dispose();
}
