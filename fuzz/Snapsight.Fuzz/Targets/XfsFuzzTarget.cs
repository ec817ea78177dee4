using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Xfs;

namespace Snapsight.Fuzz.Targets;

/// <summary>
/// Treats the input as an XFS image: opens it and walks what it can reach, as a scan would
/// (listing directories, stat-ing nodes, reading links and the first 64 KiB of each file).
/// The walk is bounded here (entries, depth, bytes) so that only the reader's own bounds are tested.
/// </summary>
public sealed class XfsFuzzTarget : IFuzzTarget
{
    private const int MaxEntries = 10_000;
    private const int MaxDepth = 32;
    private const int MaxFileBytes = 64 * 1024;

    public string Name => "xfs";

    public void Run(ReadOnlySpan<byte> input)
    {
        if (!XfsFileSystem.Probe(input))
        {
            return;
        }

        using var device = new MemoryBlockDevice(input.ToArray());
        WalkAsync(device).GetAwaiter().GetResult();
    }

    private static async Task WalkAsync(IBlockDevice device)
    {
        using var fs = await XfsFileSystem.OpenAsync(device).ConfigureAwait(false);
        var pending = new Stack<(long Node, int Depth)>();
        var descended = new HashSet<long> { fs.RootNode };
        pending.Push((fs.RootNode, 0));
        var seen = 0;
        var buffer = new byte[MaxFileBytes];
        while (pending.Count > 0 && seen < MaxEntries)
        {
            var (directory, depth) = pending.Pop();
            await foreach (var entry in fs.ReadDirectoryAsync(directory).ConfigureAwait(false))
            {
                if (++seen >= MaxEntries)
                {
                    break;
                }

                var node = await fs.GetNodeAsync(entry.Node).ConfigureAwait(false);
                switch (node.Type)
                {
                    case FileType.Directory when depth < MaxDepth && descended.Add(entry.Node):
                        pending.Push((entry.Node, depth + 1));
                        break;
                    case FileType.Symlink:
                        await fs.ReadLinkAsync(entry.Node).ConfigureAwait(false);
                        break;
                    case FileType.File:
                        await using (var stream = await fs.OpenReadAsync(entry.Node).ConfigureAwait(false))
                        {
                            await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false).ConfigureAwait(false);
                        }

                        break;
                }
            }
        }
    }
}
