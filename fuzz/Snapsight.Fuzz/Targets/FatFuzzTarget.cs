using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Fat;

namespace Snapsight.Fuzz.Targets;

/// <summary>
/// A FAT volume: probe, open, then walk it through a <see cref="FileTree"/> and read every file,
/// so boot sector, FAT chains, directories, long names and the tree's cycle guards all see the input.
/// </summary>
public sealed class FatFuzzTarget : IFuzzTarget
{
    private const int MaxEntries = 10_000;

    public string Name => "fat";

    public void Run(ReadOnlySpan<byte> input)
    {
        _ = FatFileSystem.Probe(input);
        RunAsync(input.ToArray()).GetAwaiter().GetResult();
    }

    private static async Task RunAsync(byte[] image)
    {
        using var device = new MemoryBlockDevice(image);
        using var fs = await FatFileSystem.OpenAsync(device).ConfigureAwait(false);
        var tree = new FileTree(fs);
        var seen = 0;
        await foreach (var entry in tree.WalkAsync("/").ConfigureAwait(false))
        {
            if (++seen > MaxEntries)
            {
                break;
            }

            if (entry.Node.Type == FileType.File)
            {
                await using var stream = await tree.OpenReadAsync(entry.Path).ConfigureAwait(false);
                await stream.CopyToAsync(Stream.Null).ConfigureAwait(false);
            }
        }
    }
}
