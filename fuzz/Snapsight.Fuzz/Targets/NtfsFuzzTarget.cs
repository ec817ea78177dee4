using Snapsight.Disk;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems.Ntfs;

namespace Snapsight.Fuzz.Targets;

/// <summary>
/// NTFS: the input is parsed as each structure on its own — a boot sector, an MFT record, an
/// index node, a runlist — so every parser sees it even when the others reject it, and then as
/// a whole volume on which \Windows\System32 is looked up (boot sector, $MFT, $UpCase, $I30).
/// </summary>
public sealed class NtfsFuzzTarget : IFuzzTarget
{
    public string Name => "ntfs";

    public void Run(ReadOnlySpan<byte> input)
    {
        _ = NtfsVolume.Probe(input);
        var bytes = input.ToArray();
        Expect(() => NtfsBootSector.Parse(bytes, bytes.Length));
        Expect(() => NtfsIndexNode.Parse(bytes, 0, 0));
        Expect(() => NtfsRunList.Decode(bytes, 0, 1L << 40, 1L << 30, 0));
        if (bytes.Length >= 512)
        {
            // The input's largest power-of-two prefix (whole 512-byte strides), as a record of that size.
            var record = bytes[..Math.Min(65536, 1 << System.Numerics.BitOperations.Log2((uint)bytes.Length))];
            Expect(() => NtfsFileRecord.Parse(record, 0, 0, 1L << 30, 4096));
        }

        RunAsync(bytes).GetAwaiter().GetResult();
    }

    private static async Task RunAsync(byte[] image)
    {
        using var device = new MemoryBlockDevice(image);
        var volume = await NtfsVolume.OpenAsync(device).ConfigureAwait(false);
        await volume.FindPathAsync("Windows/System32").ConfigureAwait(false);
        await volume.FindPathAsync("windows/system32/config/SOFTWARE").ConfigureAwait(false);
    }

    /// <summary>Runs one structure parser; its format errors are the expected answer and must not stop the next one.</summary>
    private static void Expect(Action parse)
    {
        try
        {
            parse();
        }
        catch (DiskFormatException)
        {
        }
    }
}
