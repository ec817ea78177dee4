using System.Text;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Lvm;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.Lvm;

/// <summary>The LVM2 cases of guides/hostile-input.md §5, each against the 2 s / 256 MiB / DiskFormatException bar.</summary>
public sealed class LvmHostileTests
{
    private const long ExtentSectors = 8;
    private static readonly PvSpec Pv0 = new("pv0", "aaaaaa-1111-2222-3333-4444-5555-bbbbbb", 2048, 100, 4096);
    private static readonly LvSpec Linear = new("lv", "llllll-0000-0000-0000-0000-0000-llllll", new SegSpec(4, 0, ("pv0", 0)));

    private static byte[] Pv(string text, PvLayout? layout = null, int bytes = 2 << 20)
    {
        var image = new byte[bytes];
        LvmImageBuilder.WritePvMetadata(image, bytes, layout ?? new PvLayout(Pv0.Uuid), text);
        return image;
    }

    private static string Text(params LvSpec[] lvs) => LvmMetadataText.Write("vg", "vgvgvg-0000-1111-2222-3333-4444-vgvgvg", ExtentSectors, [Pv0], lvs);

    /// <summary>Scans within the hostile-input bar; the scan itself must never throw on bad data.</summary>
    internal static LvmScanResult Scan(params byte[][] pvs)
    {
        LvmScanResult? result = null;
        Assert.Null(HostileInput.Run(async ct => result = await LvmReader.ScanAsync([.. pvs.Select(p => new MemoryBlockDevice(p))], ct)));
        return result!;
    }

    /// <summary>The single PV's damage: no volume comes back, and exactly one problem says why.</summary>
    private static LvmProblem Rejected(params byte[][] pvs)
    {
        var result = Scan(pvs);
        Assert.Empty(result.Volumes);
        return Assert.Single(result.Problems);
    }

    [Fact]
    public void A_label_pointing_past_the_device_is_rejected()
    {
        var error = Rejected(Pv(Text(Linear), new PvLayout(Pv0.Uuid) { ClaimedMdaOffset = 1UL << 40 }));
        Assert.Contains("lies past the end of the 2097152-byte device", error.Message);
    }

    [Fact]
    public void Metadata_text_declared_larger_than_1_MiB_is_rejected_before_reading()
    {
        var error = Rejected(Pv(Text(Linear), new PvLayout(Pv0.Uuid) { ClaimedTextSize = 2 << 20 }));
        Assert.Contains("exceeds our 1048576-byte bound", error.Message);
    }

    [Fact]
    public void Metadata_text_over_1_MiB_is_refused_by_the_parser() =>
        Assert.Contains("exceeds", HostileInput.Rejects(_ =>
        {
            MetadataParser.Parse(new byte[(1 << 20) + 1], 0);
            return Task.CompletedTask;
        }).Message);

    [Fact]
    public void Deeply_nested_metadata_is_rejected_without_exhausting_the_stack()
    {
        var nested = string.Concat(Enumerable.Repeat("a {\n", 100_000));
        var error = Rejected(Pv(nested, new PvLayout(Pv0.Uuid) { PeStart = 2 << 20 }, 4 << 20));
        Assert.Contains("nest deeper than 16 levels", error.Message);
    }

    [Fact]
    public void An_unterminated_string_is_rejected()
    {
        var error = Rejected(Pv(Text(Linear).Replace("\"builder\"\t#", "\"builder\t#", StringComparison.Ordinal)));
        Assert.Contains("unterminated string", error.Message);
    }

    [Fact]
    public void A_segment_past_the_PV_leaves_that_volume_unreadable_and_says_why()
    {
        var beyond = new LvSpec("beyond", "bbbbbb-0000-0000-0000-0000-0000-bbbbbb", new SegSpec(4, 0, ("pv0", 98)));
        var shortPv = new LvSpec("short", "ssssss-0000-0000-0000-0000-0000-ssssss", new SegSpec(4, 0, ("pv0", 60))); // pe_count says yes, the device says no

        var result = Scan(Pv(Text(Linear, beyond, shortPv), bytes: (2048 * 512) + (50 * 4096)));

        Assert.Empty(result.Problems);
        var volumes = result.Volumes;
        Assert.NotNull(volumes![0].Device);
        Assert.All(volumes.Skip(1), v =>
        {
            Assert.Null(v.Device);
            Assert.Contains("past the end of physical volume pv0", v.Problem);
        });
    }

    [Theory]
    [InlineData("stripe_count = 1\t# linear", "stripe_count = 0", "stripe_count = 0 is outside [1, 128]")]
    [InlineData("stripe_count = 1\t# linear", "stripe_count = 129", "stripe_count = 129 is outside [1, 128]")]
    [InlineData("segment_count = 1", "segment_count = 100000", "segment_count = 100000 is outside [1, 10000]")]
    [InlineData("extent_size = 8", "extent_size = 0", "extent_size = 0 is outside")]
    [InlineData("\"pv0\", 0", "\"pv9\", 0", "not a known PV name")]
    [InlineData("\"pv0\", 0", "\"pv0\", -5", "non-negative extent")]
    [InlineData("start_extent = 0", "start_extent = 3", "starts at extent 3")]
    [InlineData("extent_count = 4", "extent_count = 9223372036854775807", "do not fit in a 64-bit length")]
    public void Inconsistent_volume_group_fields_are_rejected(string field, string replacement, string expected)
    {
        var text = Text(Linear);
        Assert.Contains(field, text);
        var error = Rejected(Pv(text.Replace(field, replacement, StringComparison.Ordinal)));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void One_hundred_thousand_segments_do_not_fit_in_the_bounded_text()
    {
        var segments = Enumerable.Range(0, 100_000).Select(i => new SegSpec(1, 0, ("pv0", i))).ToArray();
        var text = Encoding.UTF8.GetBytes(Text(new LvSpec("many", "mmmmmm-0000-0000-0000-0000-0000-mmmmmm", segments)));

        var error = HostileInput.Rejects(_ =>
        {
            MetadataParser.Parse(text, 0);
            return Task.CompletedTask;
        });

        Assert.Contains("exceeds", error.Message);
    }

    [Fact]
    public void Two_PVs_claiming_the_same_UUID_leave_their_volumes_unreadable_and_say_why()
    {
        var pv = Pv(Text(Linear));
        var result = Scan(pv, (byte[])pv.Clone());

        var volume = Assert.Single(result.Volumes);
        Assert.Null(volume.Device);
        Assert.Contains("is claimed by more than one device", volume.Problem);
        var problem = Assert.Single(result.Problems);
        Assert.Equal($"device 0 (PV {Pv0.Uuid}), device 1 (PV {Pv0.Uuid})", problem.Where);
        Assert.Contains($"2 devices claim PV UUID {Pv0.Uuid}", problem.Message);
    }

    [Theory]
    [InlineData(4096 + 8, "lvm.mda_header")]       // inside the metadata area header's magic
    [InlineData(4096 + 512 + 20, "lvm.metadata")]  // inside the text: its checksum no longer matches
    [InlineData(512 + 32 + 72, "lvm.mda_header")]  // the metadata area offset in the PV header, with the label CRC made right again
    public void Corrupt_headers_and_text_are_rejected_by_checksum_or_magic(int offset, string structure)
    {
        var pv = Pv(Text(Linear));
        pv[offset] ^= 0x40;
        if (offset < 1024)
        {
            var crc = BitwiseCrc32.Lvm(pv.AsSpan(512 + 20, 512 - 20));
            BitConverter.TryWriteBytes(pv.AsSpan(512 + 16), crc);
        }

        Assert.Equal(structure, Rejected(pv).Structure);
    }

    [Fact]
    public void A_label_with_a_bad_CRC_is_not_a_PV()
    {
        var pv = Pv(Text(Linear));
        pv[512 + 40] ^= 1;

        Assert.False(LvmPhysicalVolume.Probe(pv.AsSpan(0, 2048)));
        var result = Scan(pv);
        Assert.Empty(result.Volumes);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Random_corruption_never_escapes_as_anything_but_a_format_error()
    {
        var random = new Random(99);
        var clean = Pv(Text(Linear), bytes: 1 << 20 | 64 << 10, layout: new PvLayout(Pv0.Uuid) { PeStart = 64 << 10 });
        for (var i = 0; i < 300; i++)
        {
            var pv = (byte[])clean.Clone();
            for (var flips = random.Next(1, 8); flips > 0; flips--)
            {
                pv[random.Next(512, 6000)] = (byte)random.Next(256);
            }

            // Make the label CRC right again so the corruption reaches the deeper structures.
            BitConverter.TryWriteBytes(pv.AsSpan(512 + 16), BitwiseCrc32.Lvm(pv.AsSpan(512 + 20, 512 - 20)));
            Scan(pv);
        }
    }
}
