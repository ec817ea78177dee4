using System.Globalization;

namespace Snapsight.Disk.Tests.Support;

/// <summary>One line of a tree manifest written by <c>tests/images/tree-manifest.py</c> (lstat, readlink, sha256).</summary>
public sealed record TreeManifestEntry(
    string Path, string Type, string Mode, long Uid, long Gid, long Size, string Target, string Sha256, uint? Major, uint? Minor)
{
    public static IReadOnlyList<TreeManifestEntry> ReadAll(string file) =>
        File.ReadAllLines(file).Where(l => l.Length > 0).Select(Parse).ToList();

    private static TreeManifestEntry Parse(string line)
    {
        var f = line.Split('\t');
        return new TreeManifestEntry(f[0], f[1], f[2],
            long.Parse(f[3], CultureInfo.InvariantCulture), long.Parse(f[4], CultureInfo.InvariantCulture),
            long.Parse(f[5], CultureInfo.InvariantCulture), f[6], f[7],
            f[8].Length == 0 ? null : uint.Parse(f[8], CultureInfo.InvariantCulture),
            f[9].Length == 0 ? null : uint.Parse(f[9], CultureInfo.InvariantCulture));
    }
}
