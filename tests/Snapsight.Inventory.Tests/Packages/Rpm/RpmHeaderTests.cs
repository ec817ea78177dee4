using System.Buffers.Binary;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Packages;
using Snapsight.Inventory.Packages.Rpm;

namespace Snapsight.Inventory.Tests.Packages.Rpm;

/// <summary>Header blobs: a valid one read field by field, then one broken rule of rpm's per case.</summary>
public sealed class RpmHeaderTests
{
    [Fact]
    public void Valid_header_gives_every_field()
    {
        var header = RpmHeader.Parse(RpmHeaderBuilder.Package().String(RpmTag.Vendor, "Acme").String(RpmTag.ModularityLabel, "nodejs:18:1:abc").Build());
        var package = RpmPackageMapper.ToPackage(header, "/var/lib/rpm/Packages");

        Assert.Equal(("demo", "1.0-2.el9", 3, "x86_64"), (package.Name, package.Version, package.Epoch, package.Arch));
        Assert.Equal(("demo-src", "1.0-2.el9"), (package.SourceName, package.SourceVersion));
        Assert.Equal(("MIT", "Acme", "nodejs:18:1:abc"), (package.Licence, package.Vendor, package.ModularityLabel));
    }

    [Fact]
    public void Files_join_dirnames_and_basenames_or_fall_back_to_oldfilenames()
    {
        var compressed = RpmHeader.Parse(RpmHeaderBuilder.Package()
            .Strings(RpmTag.BaseNames, "a", "b", "c").Strings(RpmTag.DirNames, "/etc/", "/usr/bin/").Int32s(RpmTag.DirIndexes, 0, 1, 1).Build());
        var old = RpmHeader.Parse(RpmHeaderBuilder.Package().Strings(RpmTag.OldFileNames, "/x", "/y/z").Build());

        Assert.Equal(["/etc/a", "/usr/bin/b", "/usr/bin/c"], compressed.GetFiles());
        Assert.Equal(["/x", "/y/z"], old.GetFiles());
        Assert.Empty(RpmHeader.Parse(RpmHeaderBuilder.Package().Build()).GetFiles());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("(none)", null)]
    [InlineData("bash-5.2.15-1.fc38.src.rpm", "bash|5.2.15-1.fc38")]
    [InlineData("python3-dnf-plugins-4.0-1.nosrc.rpm", "python3-dnf-plugins|4.0-1")]
    [InlineData("odd.src.rpm", "odd|")]
    public void Source_rpm_splits_at_the_last_two_dashes(string? sourceRpm, string? expected)
    {
        var (name, version) = RpmPackageMapper.SplitSourceRpm(sourceRpm);
        Assert.Equal(expected, name is null ? null : $"{name}|{version}");
    }

    public static TheoryData<string, byte[]> Malformed()
    {
        var data = new TheoryData<string, byte[]>();
        byte[] Patch(Action<byte[]> change)
        {
            var blob = RpmHeaderBuilder.Package().Build();
            change(blob);
            return blob;
        }

        // il above HEADER_TAGS_MAX.
        data.Add("index count", Patch(b => BinaryPrimitives.WriteInt32BigEndian(b, 0x10000)));
        // dl above HEADER_DATA_MAX (256 MiB).
        data.Add("data length", Patch(b => BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(4), 0x10000000)));
        // il and dl that claim more bytes than the blob has.
        data.Add("blob has", Patch(b => BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(4), b.Length)));
        // NAME's offset past dl.
        data.Add("offset", Patch(b => BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(RpmHeaderBuilder.EntryAt(1) + 8), 0x7FFFFFF0)));
        // EPOCH with a count whose count*4 wraps 32 bits: rejected as a count beyond dl.
        data.Add("count", Patch(b => BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(RpmHeaderBuilder.EntryAt(4) + 12), 0x40000001)));
        // EPOCH with a count within dl whose elements still run past it.
        data.Add("run past", Patch(b => BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(RpmHeaderBuilder.EntryAt(4) + 12), 20)));
        // Negative count.
        data.Add("count", Patch(b => BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(RpmHeaderBuilder.EntryAt(4) + 12), -1)));
        // A type beyond RPM_MAX_TYPE.
        data.Add("unknown type", Patch(b => BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(RpmHeaderBuilder.EntryAt(2) + 4), 77)));
        // A STRING with count 2.
        data.Add("not 1", Patch(b => BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(RpmHeaderBuilder.EntryAt(1) + 12), 2)));
        // The last string of a legacy (region-less) header has no NUL before the end of dl.
        data.Add("no NUL", RpmHeaderBuilder.Package().Add(RpmTag.SourceRpm + 1, RpmTagType.String, 1, "unterminated"u8.ToArray()).Build(region: false));
        // The same unterminated string in a header with a region: it would run into the region trailer.
        data.Add("region trailer", RpmHeaderBuilder.Package().Add(RpmTag.SourceRpm + 1, RpmTagType.String, 1, "unterminated"u8.ToArray()).Build());
        // VERSION pointing back into NAME's data: overlap, which would otherwise let il entries rescan dl each.
        data.Add("overlaps", Patch(b => BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(RpmHeaderBuilder.EntryAt(2) + 8), 0)));
        // EPOCH (INT32) at an odd offset.
        data.Add("aligned", Patch(b => BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(RpmHeaderBuilder.EntryAt(4) + 8), 0x31)));
        // The region trailer names itself with offset 0: a region of no entries that would point at itself.
        data.Add("region", Patch(b => BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(b.Length - 8), 0)));
        // The region trailer claims more entries than the header has.
        data.Add("region", Patch(b => BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(b.Length - 8), -100 * 16)));
        // The region tag's offset points past dl.
        data.Add("trailer", Patch(b => BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(RpmHeaderBuilder.EntryAt(0) + 8), 0x0FFFFFF0)));
        // A reserved tag below 100 after the region.
        data.Add("reserved", Patch(b => BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(RpmHeaderBuilder.EntryAt(1)), 62)));
        // Shorter than il and dl.
        data.Add("shorter", [0, 0, 0]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_header_is_rejected(string expected, byte[] blob)
    {
        var error = HostileInput.Rejects(_ => Task.FromResult(RpmHeader.Parse(blob)));

        Assert.IsType<PackageDatabaseException>(error);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_index_outside_dirnames_is_rejected()
    {
        var header = RpmHeader.Parse(RpmHeaderBuilder.Package()
            .Strings(RpmTag.BaseNames, "a").Strings(RpmTag.DirNames, "/").Int32s(RpmTag.DirIndexes, 5).Build());

        Assert.Contains("outside", HostileInput.Rejects(_ => Task.FromResult(header.GetFiles())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_list_that_multiplies_one_long_directory_is_capped()
    {
        // One 1 MiB directory name shared by 40 files would make 40 MiB of path characters.
        var names = Enumerable.Range(0, 40).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var header = RpmHeader.Parse(RpmHeaderBuilder.Package()
            .Strings(RpmTag.BaseNames, names).Strings(RpmTag.DirNames, new string('d', 1 << 20)).Int32s(RpmTag.DirIndexes, new int[40]).Build());

        Assert.Contains("exceeds", HostileInput.Rejects(_ => Task.FromResult(header.GetFiles())).Message, StringComparison.Ordinal);
    }
}
