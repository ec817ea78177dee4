using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Ext4;

namespace Snapsight.Fuzz.Targets;

/// <summary>
/// Opens the input as an ext4 volume, walks the tree breadth-first with bounds on depth and
/// entries (the file system itself must stay bounded; the caps keep one input fast), looks a name
/// up in every directory, reads the start of some files and every symlink met.
/// </summary>
public sealed class Ext4FuzzTarget : IFuzzTarget
{
    private const int MaxEntries = 2000;
    private const int MaxDepth = 8;
    private const int MaxFilesRead = 32;
    private const int BytesPerFile = 64 * 1024;

    public string Name => "ext4";

    public void Run(ReadOnlySpan<byte> input) => RunAsync(input.ToArray()).GetAwaiter().GetResult();

    private static async Task RunAsync(byte[] input)
    {
        using var device = new MemoryBlockDevice(input);
        using var fs = await Ext4FileSystem.OpenAsync(device).ConfigureAwait(false);
        var pending = new Queue<(long Node, int Depth)>();
        pending.Enqueue((fs.RootNode, 0));
        var seen = 0;
        var filesRead = 0;
        var buffer = new byte[BytesPerFile];
        while (pending.TryDequeue(out var directory) && seen < MaxEntries)
        {
            // A lookup exercises the htree index, which a listing never reads.
            await fs.FindEntryAsync(directory.Node, "passwd").ConfigureAwait(false);
            await foreach (var entry in fs.ReadDirectoryAsync(directory.Node).ConfigureAwait(false))
            {
                if (++seen > MaxEntries)
                {
                    break;
                }

                var node = await fs.GetNodeAsync(entry.Node).ConfigureAwait(false);
                switch (node.Type)
                {
                    case FileType.Directory when directory.Depth < MaxDepth:
                        pending.Enqueue((node.Id, directory.Depth + 1));
                        break;
                    case FileType.Symlink:
                        await fs.ReadLinkAsync(node.Id).ConfigureAwait(false);
                        break;
                    case FileType.File when filesRead++ < MaxFilesRead:
                        await using (var stream = await fs.OpenReadAsync(node.Id).ConfigureAwait(false))
                        {
                            await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false).ConfigureAwait(false);
                        }

                        break;
                }
            }
        }
    }
}
