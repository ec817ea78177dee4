using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Compliance.Tests.OvalProbes.Support;
using Snapsight.Disk.Tests.Support;
using Snapsight.Disk.Volumes;

namespace Snapsight.Compliance.Tests.OvalProbes;

/// <summary>
/// file_object against OpenSCAP's probe: on a small tree of odd modes and links, and on the real
/// Debian ext4 image (read by our disk stack) against oscap on the folder it was made from, which
/// proves owners, set-id bits and sizes as ext4 records them. Access and change times and ACLs
/// are not read (left out of the comparison).
/// </summary>
public sealed class FileProbeTests : IDisposable
{
    private static readonly string[] NotRead = ["a_time", "c_time", "has_extended_acl"];

    private static readonly string[] PermissionBits = ["uread", "uwrite", "uexec", "gread", "gwrite", "gexec", "oread", "owrite", "oexec"];

    private static readonly Dictionary<string, string> RecurseDown = new() { ["recurse"] = "directories", ["recurse_direction"] = "down", ["max_depth"] = "-1", ["recurse_file_system"] = "all" };

    private readonly ProbeTree _tree = new ProbeTree()
        .File("/etc/shadow", "root:*:1::::::\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead)
        .File("/usr/bin/su", "#!/bin/sh\n", (UnixFileMode)Convert.ToInt32("4755", 8))
        .File("/usr/bin/wall", "#!/bin/sh\n", (UnixFileMode)Convert.ToInt32("2755", 8))
        .File("/etc/cron.d/job", "* * * * * root true\n", (UnixFileMode)Convert.ToInt32("0600", 8))
        .File("/etc/cron.d/deeper/other", "x\n", (UnixFileMode)Convert.ToInt32("0644", 8))
        .Link("/etc/cron.d/link", "job");

    private static readonly ObjectSpec[] Objects =
    [
        new("oval:f:obj:1", "file", "unix", [new("filepath", "/etc/shadow")]),
        new("oval:f:obj:2", "file", "unix", [new("path", "/usr/bin"), new("filename", "^(su|wall)$", "pattern match")]),
        new("oval:f:obj:3", "file", "unix", [new("path", "/etc/cron.d"), new("filename", "", Nil: true)]),
        new("oval:f:obj:4", "file", "unix", [new("path", "/etc"), new("filename", ".*", "pattern match")], RecurseDown),
        new("oval:f:obj:5", "file", "unix", [new("filepath", @"^/etc/cron\.d/.*$", "pattern match")]),
        new("oval:f:obj:6", "file", "unix", [new("path", "/etc/cron.d"), new("filename", "", Nil: true)], RecurseDown),
        new("oval:f:obj:7", "file", "unix", [new("filepath", "/etc/nothing")]),
        new("oval:f:obj:8", "file", "unix", [new("path", "/etc/cron.d"), new("filename", "job")],
            new Dictionary<string, string> { ["recurse_direction"] = "up", ["max_depth"] = "1" }),
    ];

    public static TheoryData<string> Cases => new(Objects.Select(o => o.Id));

    private readonly Lazy<IReadOnlyDictionary<string, OscapOracle.Collected>> _oracle;

    public FileProbeTests() => _oracle = new(() => OscapOracle.Collect(Objects, _tree.Root));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Items_match_oscap(string objectId)
    {
        var collected = await _tree.CollectAsync(Objects.Single(o => o.Id == objectId));
        var expected = _oracle.Value[objectId];
        Assert.Equal(string.Join("\n", ItemText.Of(expected.Items.Select(WithoutHostArtifacts), NotRead)), string.Join("\n", ItemText.Of(collected.Items.Select(i => WithoutHostArtifacts(i.Entities)), NotRead)));
        Assert.True(expected.Items.Count > 0 || objectId == "oval:f:obj:7", "the case should find something");
    }

    [Fact]
    public async Task The_real_image_matches_oscap_on_the_folder_it_was_made_from()
    {
        ObjectSpec[] objects =
        [
            new("oval:i:obj:1", "file", "unix", [new("filepath", "/etc/shadow")]),
            new("oval:i:obj:2", "file", "unix", [new("path", "/usr/bin"), new("filename", "^(passwd|chage|su|mount|expiry)$", "pattern match")]),
            new("oval:i:obj:3", "file", "unix", [new("path", "/tmp"), new("filename", "", Nil: true)]),
            new("oval:i:obj:4", "file", "unix", [new("path", "/etc/ssh"), new("filename", ".*", "pattern match")], RecurseDown),
            new("oval:i:obj:5", "file", "unix", [new("filepath", @"^/etc/cron\.[a-z]+/.*$", "pattern match")]),
        ];
        var oracle = OscapOracle.Collect(objects, DebianImages.Path("rootfs"));
        using var inspection = await DiskInspector.InspectAsync(DebianImages.Path("root-ext4.img"));
        var context = new ProbeContext(inspection.Assembly!.Tree);
        foreach (var spec in objects)
        {
            var collected = await ProbeTree.CollectAsync(spec, context);
            Assert.NotEmpty(oracle[spec.Id].Items);
            Assert.Equal(ItemText.Of(oracle[spec.Id].Items, NotRead), ItemText.Of(collected, NotRead));
        }
    }

    /// <summary>
    /// On a host folder, a directory's size is the host file system's, and .NET reports a link's
    /// mode as its target's: those are the test double's, not the probe's, and are left out.
    /// </summary>
    [Fact]
    public async Task A_whole_tree_walk_of_the_real_image_finds_every_file_the_manifest_lists()
    {
        // The SSG shape for "every file on the system": path "/" recursing down, any filename.
        using var inspection = await DiskInspector.InspectAsync(DebianImages.Path("root-ext4.img"));
        var context = new ProbeContext(inspection.Assembly!.Tree);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var collected = await ProbeTree.CollectAsync(
            new ObjectSpec("oval:i:obj:9", "file", "unix", [new("path", "/"), new("filename", ".*", "pattern match")], RecurseDown), context);
        var elapsed = started.Elapsed;

        // A second walk in the same evaluation reuses the listings the first one made.
        var again = await ProbeTree.CollectAsync(
            new ObjectSpec("oval:i:obj:10", "file", "unix", [new("path", "/"), new("filename", "^passwd$", "pattern match")], RecurseDown), context);
        Assert.Equal(
            DebianImages.Manifest.Where(e => e.Type != "dir" && e.Path.EndsWith("/passwd", StringComparison.Ordinal)).Select(e => e.Path).Order(StringComparer.Ordinal),
            again.Items.Select(i => i.Values("filepath")[0]).Order(StringComparer.Ordinal));

        // The manifest is lstat of the source folder (tests/images/tree-manifest.py); /boot/efi and /srv/data are other volumes.
        var expected = DebianImages.Manifest
            .Where(e => e.Type != "dir" && !e.Path.StartsWith("/boot/efi/", StringComparison.Ordinal) && !e.Path.StartsWith("/srv/data/", StringComparison.Ordinal))
            .Select(e => $"{e.Path} {e.Mode} {e.Uid}:{e.Gid}")
            .Order(StringComparer.Ordinal);
        var found = collected.Items
            .Where(i => !i.Values("filepath")[0].StartsWith("/boot/efi/", StringComparison.Ordinal) && !i.Values("filepath")[0].StartsWith("/srv/data/", StringComparison.Ordinal))
            .Select(i => i.Evidence)
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, found);
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"the walk took {elapsed}");
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> WithoutHostArtifacts(IReadOnlyDictionary<string, IReadOnlyList<string>> item) =>
        item.TryGetValue("type", out var type) && type[0] is "directory" or "symbolic link"
            ? item.Where(e => !(type[0] == "directory" ? e.Key == "size" : PermissionBits.Contains(e.Key) || e.Key is "m_time")).ToDictionary()
            : item;

    public void Dispose() => _tree.Dispose();
}
