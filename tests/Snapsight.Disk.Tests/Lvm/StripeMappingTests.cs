using CsCheck;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Lvm;

namespace Snapsight.Disk.Tests.Lvm;

/// <summary>
/// Property test of the LV → PV mapping: random volume groups (extent sizes, 1–3 stripes,
/// chunk sizes, segments spread over three PVs) are laid out by the test's reference
/// placement (<see cref="LvmImageBuilder.PlaceVolumeData"/>), and every random read through
/// the LV device must return the bytes placed there.
/// </summary>
public sealed class StripeMappingTests
{
    private const long PeStartSectors = 128;
    private static readonly string[] PvNames = ["pv0", "pv1", "pv2"];

    private static readonly Gen<(int ExtentSectors, (int Stripes, int ExtentsPerStripe, int ChunkSectors, int FirstPv)[] Segments, int Seed)> Groups =
        Gen.Select(
            Gen.OneOfConst(8, 16, 32),
            Gen.Select(Gen.Int[1, 3], Gen.Int[1, 4], Gen.OneOfConst(1, 2, 4, 8), Gen.Int[0, 2]).Array[1, 6],
            Gen.Int);

    [Fact]
    public void Every_read_returns_the_bytes_the_reference_layout_placed() =>
        Groups.Sample((extentSectors, segmentShapes, seed) =>
        {
            var extentBytes = extentSectors * 512L;
            var nextFree = new long[PvNames.Length];
            var segments = segmentShapes.Select(shape =>
            {
                var stripes = Enumerable.Range(0, shape.Stripes).Select(j =>
                {
                    var pv = (shape.FirstPv + j) % PvNames.Length;
                    var extent = nextFree[pv];
                    nextFree[pv] += shape.ExtentsPerStripe;
                    return (PvNames[pv], extent);
                }).ToArray();
                return new SegSpec(shape.Stripes * shape.ExtentsPerStripe, shape.ChunkSectors, stripes);
            }).ToArray();
            var lv = new LvSpec("lv", "llllll-0000-0000-0000-0000-0000-llllll", segments);
            var pvSpecs = PvNames.Select((name, i) => new PvSpec(name, $"pv{i}pv{i}-0000-1111-2222-3333-4444-abcdef", PeStartSectors,
                nextFree[i] + 1, 0)).ToList();
            var text = LvmMetadataText.Write("vg", "vgvgvg-0000-1111-2222-3333-4444-vgvgvg", extentSectors, pvSpecs, [lv]);

            var random = new Random(seed);
            var data = new byte[lv.ExtentCount * extentBytes];
            random.NextBytes(data);
            var images = pvSpecs.Select(p => new byte[(PeStartSectors * 512) + ((p.PeCount + 1) * extentBytes)]).ToArray();
            var streams = images.Select(image => new MemoryStream(image)).ToArray();
            LvmImageBuilder.PlaceVolumeData(
                PvNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => ((Stream)streams[p.i], PeStartSectors * 512)), extentBytes, lv, data);
            for (var i = 0; i < images.Length; i++)
            {
                LvmImageBuilder.WritePvMetadata(images[i], images[i].Length, new PvLayout(pvSpecs[i].Uuid) { PeStart = PeStartSectors * 512 }, text);
            }

            // Hand the PVs over in a shuffled order: they are matched by UUID, not position.
            var devices = images.Select(i => (IBlockDevice)new MemoryBlockDevice(i)).OrderBy(_ => random.Next()).ToList();
            var volume = LvmReader.ScanAsync(devices).GetAwaiter().GetResult().Volumes.Single();
            Assert.Equal(data.Length, volume.Length);
            for (var read = 0; read < 20; read++)
            {
                var offset = random.NextInt64(0, data.Length);
                var buffer = new byte[random.Next(1, 3 * (int)extentBytes)];
                var n = volume.Device!.ReadAsync(offset, buffer).AsTask().GetAwaiter().GetResult();
                Assert.Equal(Math.Min(buffer.Length, data.Length - offset), n);
                Assert.Equal(data.AsSpan((int)offset, n).ToArray(), buffer[..n]);
            }
        }, iter: 200);
}
