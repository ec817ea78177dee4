using System.Text;

namespace Snapsight.Inventory.Tests.Packages;

/// <summary>The txtar archives in the shared data: a comment, then "-- path --" lines each opening a file.</summary>
public static class Txtar
{
    public static byte[] File(string archivePath, string member)
    {
        var text = System.IO.File.ReadAllText(archivePath);
        var marker = $"-- {member} --\n";
        var start = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"{archivePath} has no member {member}");
        start += marker.Length;
        var end = text.IndexOf("\n-- ", start, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(end < 0 ? text[start..] : text[start..(end + 1)]);
    }
}
