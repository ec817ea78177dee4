using CsCheck;
using Snapsight.Disk.FileSystems.Ntfs;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Ntfs;

/// <summary>
/// Random bytes written into the structures a lookup reads — the boot sector, the $MFT, root,
/// and $UpCase records, and every INDX block — must give a DiskFormatException or an answer,
/// never another exception, a hang or unbounded memory.
/// </summary>
public sealed class NtfsMutationTests(NtfsHostileImage shared) : IClassFixture<NtfsHostileImage>
{
    private static readonly string[] Paths = ["Windows/System32", "windows/winsxs/FILE-01234-046.DLL", "Windows/foo", "Program Files/Common Files"];

    [Fact]
    public void Random_damage_to_what_a_lookup_reads_gives_only_format_errors()
    {
        var image = shared.Copy();
        var regions = new List<(long Start, int Length)>
        {
            (0, 512),
            (image.RecordOffset(NtfsVolume.MftRecord), image.MftRecordSize),
            (image.RecordOffset(NtfsVolume.RootDirectoryRecord), image.MftRecordSize),
            (image.RecordOffset(NtfsVolume.UpCaseRecord), image.MftRecordSize),
        };
        regions.AddRange(image.IndexBlocks().Select(b => (b, 4096)));

        Gen.Select(Gen.Int[0, regions.Count - 1], Gen.Int[0, 65535].Array[1, 6], Gen.Byte.Array[6])
            .Sample((region, offsets, values) =>
            {
                var (start, length) = regions[region];
                var saved = image.Bytes.AsSpan((int)start, length).ToArray();
                try
                {
                    for (var i = 0; i < offsets.Length; i++)
                    {
                        image.Bytes[start + (offsets[i] % length)] = values[i];
                    }

                    HostileInput.Run(async ct =>
                    {
                        var volume = await NtfsVolume.OpenAsync(image.Device(), ct);
                        foreach (var path in Paths)
                        {
                            await volume.FindPathAsync(path, ct);
                        }
                    });
                }
                finally
                {
                    saved.CopyTo(image.Bytes, start);
                }
            }, iter: 300);
    }
}
