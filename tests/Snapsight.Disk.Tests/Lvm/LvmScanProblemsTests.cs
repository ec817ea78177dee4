using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Lvm;
using Snapsight.Disk.Tests.Support;
using static Snapsight.Disk.Tests.Lvm.LvmHostileTests;

namespace Snapsight.Disk.Tests.Lvm;

/// <summary>
/// Damage stays with the volume group it touches: one corrupt PV, or two devices claiming one
/// PV UUID, must not lose the other volume groups on the disk, and a PV whose volume group is
/// described on a disk we were not given must be reported, not dropped in silence.
/// </summary>
public sealed class LvmScanProblemsTests
{
    private const long ExtentSectors = 8;
    private static readonly PvSpec A = new("pv0", "aaaaaa-1111-2222-3333-4444-5555-aaaaaa", 2048, 100, 4096);
    private static readonly PvSpec B = new("pv0", "bbbbbb-1111-2222-3333-4444-5555-bbbbbb", 2048, 100, 4096);
    private static readonly PvSpec C = new("pv1", "cccccc-1111-2222-3333-4444-5555-cccccc", 2048, 100, 4096);
    private static readonly LvSpec OnA = new("a-root", "lllaaa-0000-0000-0000-0000-0000-lllaaa", new SegSpec(4, 0, ("pv0", 0)));
    private static readonly LvSpec OnB = new("b-root", "lllbbb-0000-0000-0000-0000-0000-lllbbb", new SegSpec(4, 0, ("pv0", 0)));
    private static readonly LvSpec OnC = new("c-data", "lllccc-0000-0000-0000-0000-0000-lllccc", new SegSpec(4, 0, ("pv1", 0)));

    /// <summary>VG "vga" on PV A alone.</summary>
    private static byte[] PvA() => Pv(A, LvmMetadataText.Write("vga", "vgaaaa-0000-1111-2222-3333-4444-vgaaaa", ExtentSectors, [A], [OnA]));

    /// <summary>VG "vgb" on PV B alone.</summary>
    private static byte[] PvB() => Pv(B, LvmMetadataText.Write("vgb", "vgbbbb-0000-1111-2222-3333-4444-vgbbbb", ExtentSectors, [B], [OnB]));

    private static byte[] Pv(PvSpec spec, string text)
    {
        var image = new byte[2 << 20];
        LvmImageBuilder.WritePvMetadata(image, image.Length, new PvLayout(spec.Uuid), text);
        return image;
    }

    /// <summary>Empties the PV header's metadata area list (as pvcreate --metadatacopies 0 writes it) and makes the label CRC right again.</summary>
    private static byte[] WithoutMetadataArea(byte[] pv)
    {
        pv.AsSpan(512 + 32 + 72, 16).Clear();
        BitConverter.TryWriteBytes(pv.AsSpan(512 + 16), BitwiseCrc32.Lvm(pv.AsSpan(512 + 20, 512 - 20)));
        return pv;
    }

    [Fact]
    public void A_PV_with_corrupt_metadata_does_not_hide_the_other_volume_groups()
    {
        var bad = PvA();
        bad[4096 + 512 + 20] ^= 0x40; // inside the text: its checksum no longer matches

        var result = Scan(bad, PvB());

        var volume = Assert.Single(result.Volumes);
        Assert.Equal(("vgb", "b-root", null), (volume.VolumeGroup, volume.Name, volume.Problem));
        Assert.NotNull(volume.Device);
        var problem = Assert.Single(result.Problems);
        Assert.Equal($"device 0 (PV {A.Uuid})", problem.Where);
        Assert.Equal("lvm.metadata", problem.Structure);
    }

    [Fact]
    public void A_PV_with_a_corrupt_header_does_not_hide_the_other_volume_groups()
    {
        var bad = PvA();
        bad[512 + 32 + 72] ^= 0x40; // the metadata area offset, with the label CRC made right again
        BitConverter.TryWriteBytes(bad.AsSpan(512 + 16), BitwiseCrc32.Lvm(bad.AsSpan(512 + 20, 512 - 20)));

        var result = Scan(PvB(), bad);

        Assert.Equal("b-root", Assert.Single(result.Volumes).Name);
        Assert.Equal("device 1 (PV " + A.Uuid + ")", Assert.Single(result.Problems).Where);
    }

    [Fact]
    public void Unparsable_metadata_text_on_one_PV_does_not_hide_the_other_volume_groups()
    {
        var text = LvmMetadataText.Write("vga", "vgaaaa-0000-1111-2222-3333-4444-vgaaaa", ExtentSectors, [A], [OnA]);
        var bad = Pv(A, text.Replace("stripe_count = 1\t# linear", "stripe_count = 0", StringComparison.Ordinal));

        var result = Scan(PvB(), bad);

        Assert.Equal("b-root", Assert.Single(result.Volumes).Name);
        Assert.Contains("stripe_count = 0 is outside [1, 128]", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public void A_duplicated_PV_UUID_does_not_hide_the_other_volume_groups()
    {
        var a = PvA();

        var result = Scan(a, PvB(), (byte[])a.Clone());

        Assert.Equal(
            [("vga", "a-root", false), ("vgb", "b-root", true)],
            result.Volumes.Select(v => (v.VolumeGroup, v.Name, v.Device is not null)));
        Assert.Contains($"claim PV UUID {A.Uuid}", Assert.Single(result.Problems).Problem);
    }

    [Fact]
    public void A_PV_without_metadata_whose_volume_group_is_elsewhere_is_reported()
    {
        var result = Scan(WithoutMetadataArea(PvA()));

        Assert.Empty(result.Volumes);
        var problem = Assert.Single(result.Problems);
        Assert.Equal($"device 0 (PV {A.Uuid})", problem.Where);
        Assert.Contains($"physical volume {A.Uuid} carries no metadata; its volume group, if any, is described on another disk", problem.Problem);
    }

    [Fact]
    public void A_PV_without_metadata_is_mapped_through_the_copy_on_another_PV()
    {
        var text = LvmMetadataText.Write("vga", "vgaaaa-0000-1111-2222-3333-4444-vgaaaa", ExtentSectors, [A, C], [OnA, OnC]);

        var result = Scan(Pv(A, text), WithoutMetadataArea(Pv(C, text)));

        Assert.Empty(result.Problems);
        Assert.All(result.Volumes, v => Assert.NotNull(v.Device));
        Assert.Equal(["a-root", "c-data"], result.Volumes.Select(v => v.Name));
    }
}
