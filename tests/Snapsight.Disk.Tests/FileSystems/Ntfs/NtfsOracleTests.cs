using System.Globalization;
using System.Text;
using Snapsight.Disk.FileSystems.Ntfs;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Ntfs;

/// <summary>
/// Lookups on volumes made by mkntfs and populated through ntfs-3g, compared name by name with
/// ntfs-3g's own tools: `ntfsls -i` (every stored name and its record) and `ntfsinfo -F` for
/// exact names, and lowntfs-3g mounted with ignore_case for names that match only ignoring case
/// or not at all. Cluster sizes 512 B, 4 KiB, 64 KiB (index VCNs in 512-byte units) and 2 MiB
/// (the negative-exponent encoding), and 4 KiB sectors.
/// </summary>
public sealed class NtfsOracleTests : IDisposable
{
    private static readonly string[] Directories = ["", "Windows", "Windows/System32", "Windows/System32/config", "Windows/WinSxS", "Program Files"];

    /// <summary>ntfs-3g's tools convert names to the locale's character set.</summary>
    private static readonly Dictionary<string, string> Utf8Locale = new() { ["LC_ALL"] = "C.UTF-8" };

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(512, 512, 64, 300)]
    [InlineData(4096, 512, 64, 2000)]
    [InlineData(65536, 512, 96, 300)]
    [InlineData(4096, 4096, 64, 300)]
    [InlineData(2 * 1024 * 1024, 512, 512, 150)]
    public async Task Every_name_and_its_case_variants_resolve_as_ntfs_3g_resolves_them(int clusterSize, int sectorSize, int sizeMiB, int bigEntries)
    {
        var image = NtfsTestImage.Build(_temp, sizeMiB, clusterSize, sectorSize, root => NtfsTestImage.PopulateWindowsTree(root, bigEntries));
        using var device = image.FileDevice();
        var volume = await NtfsVolume.OpenAsync(device);
        Assert.Equal(clusterSize, volume.ClusterSize);
        Assert.Equal(sectorSize, volume.BytesPerSector);

        var queries = new List<string>();
        var exact = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var directory in Directories)
        {
            foreach (var (name, record) in Listing(image.Path, directory))
            {
                var path = Join(directory, name);
                exact[path] = record;
                // The FUSE drivers hide the metadata files ($MFT, $UpCase…), so only ntfsls can speak for them.
                if (!name.StartsWith('$'))
                {
                    queries.AddRange(Variants(name).Select(v => Join(directory, v)));
                }
            }

            queries.Add(Join(directory, "no-such-name"));
        }

        // The DOS-namespace alias ntfsls does not list; ntfsinfo and lowntfs-3g resolve it.
        queries.AddRange(["PROGRA~1", "progra~1", "PROGRA~1/Common Files"]);

        Assert.Contains($"Windows/WinSxS/{NtfsTestImage.ManyNames(bigEntries).Last()}", exact.Keys);
        foreach (var (path, record) in exact)
        {
            var found = await volume.FindPathAsync(path);
            Assert.True(found is not null, $"{path} (record {record} for ntfsls) was not found");
            Assert.Equal((path, record), (path, found.RecordNumber));
            Assert.Equal(path.Split('/')[^1], found.StoredPath.Split('\\')[^1]);
        }

        var insensitive = IgnoreCaseOracle(image.Path, queries.Distinct(StringComparer.Ordinal).Where(q => !exact.ContainsKey(q)).ToList());
        foreach (var (query, record) in insensitive)
        {
            var found = await volume.FindPathAsync(query);
            Assert.Equal((query, record), (query, found?.RecordNumber));
        }

        Assert.Contains(insensitive, q => q.Record is not null);
        Assert.Contains(insensitive, q => q.Record is null);
        Assert.Equal(InodeOf(image.Path, "/Windows/System32"), (await volume.FindPathAsync("\\Windows\\System32"))?.RecordNumber);
        Assert.Equal(InodeOf(image.Path, "/PROGRA~1"), (await volume.FindPathAsync("PROGRA~1"))?.RecordNumber);
        Assert.NotNull(InodeOf(image.Path, "/PROGRA~1"));
        Assert.Null(InodeOf(image.Path, "/Windows/System33"));
        Assert.Null(await volume.FindPathAsync("Windows/System33"));
    }

    private static string Join(string directory, string name) => directory.Length == 0 ? name : $"{directory}/{name}";

    /// <summary>The same name upper-cased, lower-cased, with case swapped, longer and shorter.</summary>
    private static IEnumerable<string> Variants(string name)
    {
        yield return name.ToUpperInvariant();
        yield return name.ToLowerInvariant();
        yield return new string(name.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)).ToArray());
        yield return name + "x";
        if (name.Length > 1)
        {
            yield return name[..^1];
        }
    }

    /// <summary>`ntfsls -a -s -i`: every name stored in <paramref name="directory"/> (system files too) with its MFT record.</summary>
    private static IEnumerable<(string Name, long Record)> Listing(string image, string directory)
    {
        var output = Tool.Run("ntfsls", ["-f", "-a", "-s", "-i", "-p", "/" + directory, image], null, Utf8Locale);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var trimmed = line.TrimStart();
            var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
            var name = trimmed[(space + 1)..];
            if (name is not ("." or ".."))
            {
                yield return (name, long.Parse(trimmed[..space], CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>`ntfsinfo -F`: the record ntfs-3g's case-sensitive lookup finds, or null.</summary>
    private static long? InodeOf(string image, string path)
    {
        try
        {
            var output = Tool.Run("ntfsinfo", ["-F", path, image], null, Utf8Locale);
            var line = output.Split('\n').First(l => l.StartsWith("Dumping Inode ", StringComparison.Ordinal));
            return long.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Stats every query on a read-only lowntfs-3g mount with ignore_case: the record each resolves to, or null.</summary>
    private List<(string Query, long? Record)> IgnoreCaseOracle(string image, List<string> queries)
    {
        using var mount = NtfsTestImage.Mount(_temp, image, "lowntfs-3g", "ro,ignore_case");
        var list = _temp.File($"queries-{Guid.NewGuid():N}");
        File.WriteAllLines(list, queries.Select(q => Path.Combine(mount.Path, q)), new UTF8Encoding(false));
        var output = Tool.Run("sh", ["-c", "while IFS= read -r p; do stat -c %i \"$p\" 2>/dev/null || echo none; done < \"$1\"", "sh", list], null, Utf8Locale);
        var answers = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(queries.Count, answers.Length);
        return queries.Zip(answers, (q, a) => (q, a == "none" ? (long?)null : long.Parse(a, CultureInfo.InvariantCulture))).ToList();
    }
}
