using CsCheck;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Xfs;

/// <summary>
/// Random byte changes in the metadata a walk reads (superblock, inodes, a directory block, the
/// log's first record): whatever they do, opening and walking must end normally or with a
/// <see cref="DiskFormatException"/>, inside the hostile-input time and memory bar.
/// </summary>
public sealed class XfsMutationTests(XfsHostileImage image) : IClassFixture<XfsHostileImage>
{
    [Fact]
    public void Mutated_metadata_never_escapes_as_another_exception()
    {
        long[] regions =
        [
            0, image.Root.Offset, image.Data.Offset, image.Link.Offset, image.Shortform.Offset, image.Block.Offset,
            image.FirstDataBlockOffset("/block"), image.FirstDataBlockOffset("/block") + 512,
        ];
        var mutation = Gen.Select(Gen.Int[0, regions.Length - 1], Gen.Int[0, 511], Gen.Byte);
        mutation.Array[1, 8].Sample(changes =>
        {
            var bytes = image.Copy();
            foreach (var (region, at, value) in changes)
            {
                bytes[regions[region] + at] = value;
            }

            HostileInput.Run(ct => XfsHostileImage.OpenAndWalkAsync(bytes, ct));
        }, iter: 100);
    }
}
