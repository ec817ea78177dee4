using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.Images;

/// <summary>
/// A disk image opened by <see cref="DiskImage"/>: the virtual disk, the file it is read from,
/// and the detected format. Disposing closes the files.
/// </summary>
public sealed class OpenedDiskImage : IDisposable
{
    private readonly IDisposable[] _owned;

    internal OpenedDiskImage(string format, IBlockDevice device, IBlockDevice container, params IDisposable[] alsoOwned)
    {
        Format = format;
        Device = device;
        Container = container;
        _owned = [device, container, .. alsoOwned];
    }

    /// <summary>One of <see cref="DiskImageFormats"/>, detected from the content, never the file name.</summary>
    public string Format { get; }

    /// <summary>The virtual disk.</summary>
    public IBlockDevice Device { get; }

    /// <summary>The file the data is read from (for monolithicFlat, the extent); its statistics are what was really read.</summary>
    public IBlockDevice Container { get; }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }
}
