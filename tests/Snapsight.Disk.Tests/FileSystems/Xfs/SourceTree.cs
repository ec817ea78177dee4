using System.Globalization;
using System.Security.Cryptography;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Xfs;

/// <summary>
/// Reads a directory tree with real tools (<c>find</c> for types, modes, owners, sizes and
/// link targets; <c>stat</c> for device numbers) and hashes regular files, so tests compare the
/// file system against what the kernel says about the source, never against our own output.
/// </summary>
public static class SourceTree
{
    public static IReadOnlyDictionary<string, SourceEntry> Read(string root)
    {
        var listing = Tool.Run("find", root, "-mindepth", "1", "-printf", "%P\\0%y\\0%m\\0%U\\0%G\\0%s\\0%l\\0");
        var fields = listing.Split('\0');
        var entries = new Dictionary<string, SourceEntry>(StringComparer.Ordinal);
        for (var i = 0; i + 7 <= fields.Length; i += 7)
        {
            var relative = fields[i];
            var type = fields[i + 1][0];
            var full = Path.Combine(root, relative);
            uint? major = null, minor = null;
            if (type is 'c' or 'b')
            {
                var numbers = Tool.Run("stat", "-c", "%t %T", full).Split(' ', StringSplitOptions.TrimEntries);
                major = uint.Parse(numbers[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                minor = uint.Parse(numbers[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }

            entries["/" + relative] = new SourceEntry(
                "/" + relative,
                type,
                Convert.ToInt32(fields[i + 2], 8),
                long.Parse(fields[i + 3], CultureInfo.InvariantCulture),
                long.Parse(fields[i + 4], CultureInfo.InvariantCulture),
                long.Parse(fields[i + 5], CultureInfo.InvariantCulture),
                type == 'l' ? fields[i + 6] : null,
                major,
                minor,
                type == 'f' ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(full))) : null);
        }

        return entries;
    }
}
