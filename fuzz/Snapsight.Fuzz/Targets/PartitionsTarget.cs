using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Partitions;

namespace Snapsight.Fuzz.Targets;

/// <summary>The whole input is a disk: MBR with EBR chains, or GPT with 512- or 4096-byte sectors.</summary>
public sealed class PartitionsTarget : IFuzzTarget
{
    public string Name => "partitions";

    public void Run(ReadOnlySpan<byte> input)
    {
        using var disk = new MemoryBlockDevice(input.ToArray());
        var table = PartitionTableReader.ReadAsync(disk).GetAwaiter().GetResult();
        foreach (var partition in table.Partitions)
        {
            using var slice = partition.Open(disk);
            _ = slice.Length;
        }
    }
}
