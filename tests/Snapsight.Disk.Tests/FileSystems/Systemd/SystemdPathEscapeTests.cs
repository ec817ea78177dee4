using CsCheck;
using Snapsight.Disk.FileSystems.Systemd;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Systemd;

/// <summary>Mount unit names from paths, against systemd's own <c>systemd-escape --path</c>.</summary>
public sealed class SystemdPathEscapeTests
{
    /// <summary>Path components as mount points have them: letters, digits, '-', '.', ':', '_', spaces, '\', non-ASCII.</summary>
    private static readonly Gen<string> Component = Gen.OneOfConst("a", "B", "7", "-", ".", ":", "_", " ", "\\", "é", "日", "x-y")
        .Array[1, 4].Select(parts => string.Concat(parts)).Where(c => c is not "." and not "..");

    [Fact]
    public void Escaped_paths_are_the_names_systemd_escape_gives()
    {
        var paths = Gen.Select(Component.Array[0, 4], Gen.Bool, (parts, trailing) => "/" + string.Join("/", parts) + (trailing && parts.Length > 0 ? "/" : ""));
        paths.Array[40].Sample(batch =>
        {
            var expected = Tool.Run("systemd-escape", ["--path", .. batch]).TrimEnd('\n').Split(' ');
            Assert.Equal(expected, batch.Select(SystemdPathEscape.Escape));
        }, iter: 25);
    }

    [Theory]
    [InlineData("/", "-")]
    [InlineData("/srv/data", "srv-data")]
    [InlineData("//srv//data/", "srv-data")]
    [InlineData("/.snapshots", "\\x2esnapshots")]
    [InlineData("/var/lib/docker-data", "var-lib-docker\\x2ddata")]
    public void Known_mount_points_escape_as_systemd_documents(string path, string name) =>
        Assert.Equal(name, SystemdPathEscape.Escape(path));
}
