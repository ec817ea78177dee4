using CsCheck;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Partitions;

namespace Snapsight.Disk.Tests.Partitions;

/// <summary>
/// Property test of the EBR arithmetic: logical partitions are laid out in absolute sectors
/// first, then written as the convention demands (logical start relative to its EBR, link
/// relative to the extended partition's start); reading must give the absolute layout back.
/// </summary>
public sealed class EbrChainTests
{
    private static readonly Gen<(uint ExtendedStart, int Slot, byte ExtendedType, (uint Gap, uint Size, uint After)[] Logicals)> Layouts =
        Gen.Select(
            Gen.UInt[1, 200],
            Gen.Int[0, 3],
            Gen.OneOfConst<byte>(0x05, 0x0F, 0x85),
            Gen.Select(Gen.UInt[1, 63], Gen.UInt[1, 300], Gen.UInt[0, 20]).Array[1, 12]);

    [Fact]
    public void Logical_partitions_come_back_at_their_absolute_sectors() =>
        Layouts.Sample(layout =>
        {
            var (extendedStart, slot, extendedType, logicals) = layout;
            var expected = new List<(long Offset, long Length)>();
            var ebrs = new List<uint>();
            var position = extendedStart;
            foreach (var (gap, size, after) in logicals)
            {
                ebrs.Add(position);
                expected.Add(((long)(position + gap) * 512, (long)size * 512));
                position += gap + size + after;
            }

            var image = new byte[(position + 8) * 512];
            CraftedTables.WriteMbrEntry(image, slot, extendedType, extendedStart, position - extendedStart);
            CraftedTables.Sign(image);
            for (var i = 0; i < logicals.Length; i++)
            {
                var ebr = image.AsSpan((int)ebrs[i] * 512, 512);
                CraftedTables.WriteMbrEntry(ebr, 0, 0x83, logicals[i].Gap, logicals[i].Size);
                if (i + 1 < logicals.Length)
                {
                    var next = ebrs[i + 1];
                    CraftedTables.WriteMbrEntry(ebr, 1, 0x05, next - extendedStart, logicals[i + 1].Gap + logicals[i + 1].Size);
                }

                CraftedTables.Sign(ebr);
            }

            using var disk = new MemoryBlockDevice(image);
            var table = PartitionTableReader.ReadAsync(disk).GetAwaiter().GetResult();

            Assert.Empty(table.Warnings);
            var extended = Assert.Single(table.Partitions, p => p.IsExtendedContainer);
            Assert.Equal(slot + 1, extended.Number);
            Assert.Equal(
                expected.Select((e, i) => (i + 5, e.Offset, e.Length)),
                table.Partitions.Where(p => !p.IsExtendedContainer).Select(p => (p.Number, p.Offset, p.Length)));
        });
}
