using Snapsight.Cloud.Local;
using Snapsight.Cloud.Tests.Support;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cloud.Tests.Local;

public sealed class FileClonerTests
{
    /// <summary>Allocated bytes as stat(1) reports them (%b blocks of %B bytes), not as we compute them.</summary>
    private static long AllocatedBytes(string path)
    {
        var fields = Tool.Run("stat", "-c", "%b %B", path).Split(' ', StringSplitOptions.TrimEntries);
        return long.Parse(fields[0]) * long.Parse(fields[1]);
    }

    [Fact]
    public void A_copy_has_the_same_bytes_and_stays_sparse()
    {
        using var directory = new TempDirectory();
        var copy = directory.File("copy");

        var method = FileCloner.Copy(TestVolumes.Raw, copy, CancellationToken.None);

        Assert.Equal(File.ReadAllBytes(TestVolumes.Raw), File.ReadAllBytes(copy));
        var data = TestVolumes.RawDataOffsets.Count * (long)TestVolumes.RawExtentLength;
        Assert.True(AllocatedBytes(TestVolumes.Raw) < TestVolumes.Size / 2, "the source itself should be sparse");
        if (method == FileCloner.Method.SparseCopy)
        {
            // Only the data extents are written: at most their size plus a file-system block of slack each.
            Assert.InRange(AllocatedBytes(copy), data, data + (TestVolumes.RawDataOffsets.Count * 4096));
            var duKib = long.Parse(Tool.Run("du", "-k", copy).Split('\t')[0]);
            Assert.True(duKib * 1024 < TestVolumes.Size / 4, $"du says {duKib} KiB for a {TestVolumes.Size}-byte file");
        }
    }

    [Fact]
    public void A_copy_is_independent_of_later_writes_to_the_source()
    {
        using var directory = new TempDirectory();
        var source = directory.File("source");
        File.Copy(TestVolumes.Raw, source);
        var copy = directory.File("copy");
        FileCloner.Copy(source, copy, CancellationToken.None);
        var before = File.ReadAllBytes(copy);

        using (var stream = File.OpenWrite(source))
        {
            stream.Position = 2 << 20; // into a hole of the source
            stream.Write(new byte[8192].Select(_ => (byte)0x5A).ToArray());
        }

        Assert.Equal(before, File.ReadAllBytes(copy));
    }

    [Fact]
    public void Copying_over_an_existing_file_is_refused()
    {
        using var directory = new TempDirectory();
        var copy = directory.File("copy");
        File.WriteAllText(copy, "keep");

        Assert.Throws<IOException>(() => FileCloner.Copy(TestVolumes.Raw, copy, CancellationToken.None));
        Assert.Equal("keep", File.ReadAllText(copy));
    }
}
