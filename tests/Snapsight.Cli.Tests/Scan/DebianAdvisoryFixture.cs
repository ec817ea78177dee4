using System.Text.Json;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cli.Tests.Scan;

/// <summary>
/// OSV records written for the real Debian 12 test image, so a scan of it has something to find,
/// with the answer decided by dpkg itself. For a dozen of the image's source packages (read by
/// dpkg-query from the image's unpacked tree) it writes one Debian:12 record whose fix is above
/// the installed source version and one whose fix is below it, plus records for the same
/// packages in Debian:11 and Ubuntu:22.04 that must never match. <see cref="Expected"/> is
/// every (record id, binary package) pair for which <c>dpkg --compare-versions installed lt fixed</c>
/// holds and the record is Debian 12's.
/// </summary>
internal sealed class DebianAdvisoryFixture
{
    private DebianAdvisoryFixture(string folder, IReadOnlySet<(string Id, string Package)> expected)
    {
        Folder = folder;
        Expected = expected;
    }

    /// <summary>A folder of OSV JSON files, ready for <c>db import</c>.</summary>
    public string Folder { get; }

    public IReadOnlySet<(string Id, string Package)> Expected { get; }

    public static DebianAdvisoryFixture Write(string folder)
    {
        var admin = Path.Combine(DebianImages.Path("rootfs"), "var", "lib", "dpkg");
        var rows = Tool.Run("dpkg-query", $"--admindir={admin}", "-W", "-f", "${source:Package}\t${source:Version}\t${Package}\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .ToList();
        var sources = rows.GroupBy(r => (Name: r[0], Version: r[1])).OrderBy(g => g.Key.Name, StringComparer.Ordinal).Take(12).ToList();
        var expected = new HashSet<(string, string)>();
        var n = 0;
        foreach (var source in sources)
        {
            foreach (var (suffix, fix) in new[] { ("above", source.Key.Version + "+deb12u99"), ("below", "0.0.1-1") })
            {
                foreach (var ecosystem in new[] { "Debian:12", "Debian:11", "Ubuntu:22.04:LTS" })
                {
                    var id = $"TEST-{++n:D4}";
                    File.WriteAllText(Path.Combine(folder, id + ".json"), Record(id, ecosystem, source.Key.Name, fix, $"{source.Key.Name} fix {suffix}"));
                    var affected = Tool.Succeeds("dpkg", "--compare-versions", source.Key.Version, "lt", fix);
                    if (ecosystem == "Debian:12" && affected)
                    {
                        foreach (var binary in source)
                        {
                            expected.Add((id, binary[2]));
                        }
                    }
                }
            }
        }

        return new DebianAdvisoryFixture(folder, expected);
    }

    private static string Record(string id, string ecosystem, string package, string fixedVersion, string summary)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("schema_version", "1.6.0");
            w.WriteString("id", id);
            w.WriteString("modified", "2026-01-01T00:00:00Z");
            w.WriteString("summary", summary);
            w.WriteStartArray("affected");
            w.WriteStartObject();
            w.WriteStartObject("package");
            w.WriteString("ecosystem", ecosystem);
            w.WriteString("name", package);
            w.WriteEndObject();
            w.WriteStartArray("ranges");
            w.WriteStartObject();
            w.WriteString("type", "ECOSYSTEM");
            w.WriteStartArray("events");
            w.WriteStartObject();
            w.WriteString("introduced", "0");
            w.WriteEndObject();
            w.WriteStartObject();
            w.WriteString("fixed", fixedVersion);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
