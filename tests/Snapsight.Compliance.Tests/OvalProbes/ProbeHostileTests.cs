using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Compliance.Oval.Probes;
using Snapsight.Compliance.Oval.Probes.Files;
using Snapsight.Compliance.Tests.OvalProbes.Support;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Compliance.Tests.OvalProbes;

/// <summary>
/// Crafted trees no probe may hang, crash or run out of memory on: each gives a failed object
/// (or a plain answer) within the hostile-input bar of 2 s and 256 MiB.
/// </summary>
public sealed class ProbeHostileTests : IDisposable
{
    private readonly ProbeTree _tree = new();

    private static readonly EntitySpec First = new("instance", "1", "greater than or equal", "int");

    [Fact]
    public void A_file_over_the_size_limit_is_not_read()
    {
        _tree.File("/etc/big.conf", "");
        using (var stream = File.OpenWrite(_tree.Host("/etc/big.conf")))
        {
            stream.SetLength(ProbeFiles.MaxFileBytes + 1); // sparse: costs nothing on disk
        }

        var collected = Collect(new ObjectSpec("oval:h:obj:1", "textfilecontent54", "independent",
            [new("filepath", "/etc/big.conf"), new("pattern", "x", "pattern match"), First]));
        Assert.Equal(CollectedFlag.Error, collected.Flag);
        Assert.Contains("limit", collected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catastrophic_pattern_runs_out_of_time_and_fails()
    {
        // (a+)+$ against many a's and no end: exponential backtracking in any backtracking engine.
        _tree.File("/etc/evil.conf", new string('a', 64) + "!\n");
        var collected = Collect(new ObjectSpec("oval:h:obj:2", "textfilecontent54", "independent",
            [new("filepath", "/etc/evil.conf"), new("pattern", "^(a+)+$", "pattern match"), First]));
        Assert.Equal(CollectedFlag.Error, collected.Flag);
    }

    [Fact]
    public void Link_loops_end_the_walk_and_give_no_item()
    {
        _tree.File("/etc/app/real.conf", "key=1\n").Link("/etc/app/self", ".").Link("/etc/app/ping", "pong").Link("/etc/app/pong", "ping");
        var walked = Collect(new ObjectSpec("oval:h:obj:3", "file", "unix", [new("path", "/etc"), new("filename", ".*", "pattern match")],
            new Dictionary<string, string> { ["recurse"] = "symlinks and directories", ["recurse_direction"] = "down" }));
        Assert.Equal(CollectedFlag.Complete, walked.Flag);
        Assert.Equal(4, walked.Items.Count);

        var read = Collect(new ObjectSpec("oval:h:obj:4", "textfilecontent54", "independent",
            [new("filepath", "/etc/app/ping"), new("pattern", ".", "pattern match"), First]));
        Assert.Equal(CollectedFlag.Error, read.Flag);
        Assert.Equal(CollectedFlag.DoesNotExist, Collect(new ObjectSpec("oval:h:obj:5", "symlink", "unix", [new("filepath", "/etc/app/ping")])).Flag);
    }

    [Fact]
    public void A_deep_tree_is_walked_only_to_the_depth_limit()
    {
        var deep = string.Concat(Enumerable.Repeat("/d", FileLocator.MaxDepth + 20));
        _tree.File("/srv" + deep + "/x.conf", "x\n").File("/srv/d/top.conf", "x\n");
        var collected = Collect(new ObjectSpec("oval:h:obj:6", "file", "unix", [new("filepath", @"^/srv/.*\.conf$", "pattern match")]));
        Assert.Equal(["/srv/d/top.conf"], collected.Items.Select(i => i.Values("filepath")[0]));
    }

    [Fact]
    public async Task A_walk_over_its_entry_limit_fails()
    {
        for (var i = 0; i < 50; i++)
        {
            _tree.File($"/var/many/{i}", "");
        }

        var request = new ObjectSpec("oval:h:obj:7", "file", "unix", [new("filepath", "^/var/many/.*", "pattern match")]).ToRequest();
        var locator = new FileLocator(_tree.Context(), CancellationToken.None, maxEntries: 20);
        await Assert.ThrowsAsync<OvalProbeException>(() => locator.LocateAsync(request));
    }

    [Fact]
    public void Binary_junk_in_account_and_unit_files_is_skipped()
    {
        var junk = new byte[256 * 1024];
        new Random(5).NextBytes(junk);
        _tree.Bytes("/etc/passwd", junk).Bytes("/etc/shadow", junk).Bytes("/etc/fstab", junk).Bytes("/etc/environment", junk)
            .Bytes("/etc/systemd/system/junk.service", junk).Bytes("/etc/ssh/sshd_config", junk);
        var everyone = new EntitySpec("username", ".*", "pattern match");
        ObjectSpec[] objects =
        [
            new("oval:h:obj:8", "password", "unix", [everyone]),
            new("oval:h:obj:9", "shadow", "unix", [everyone]),
            new("oval:h:obj:10", "partition", "linux", [new("mount_point", ".*", "pattern match")]),
            new("oval:h:obj:11", "environmentvariable58", "independent", [new("pid", "", Datatype: "int", Nil: true), new("name", ".*", "pattern match")]),
            new("oval:h:obj:12", "systemdunitproperty", "linux", [new("unit", "junk.service"), new("property", ".*", "pattern match")]),
            new("oval:h:obj:13", "textfilecontent54", "independent", [new("filepath", "/etc/ssh/sshd_config"), new("pattern", @"^\s*(\w+)\s+(\S+)", "pattern match"), First]),
        ];
        foreach (var spec in objects)
        {
            Assert.NotNull(Collect(spec));
        }
    }

    [Fact]
    public void Xml_with_a_document_type_is_refused()
    {
        _tree.File("/etc/lol.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
            <lolz>&lol4;</lolz>
            """);
        var collected = Collect(new ObjectSpec("oval:h:obj:14", "xmlfilecontent", "independent", [new("filepath", "/etc/lol.xml"), new("xpath", "/lolz")]));
        Assert.Equal(CollectedFlag.Error, collected.Flag);
    }

    [Fact]
    public void A_unit_file_line_over_the_limit_fails_the_object()
    {
        _tree.File("/etc/systemd/system/long.service", "[Unit]\nDescription=" + new string('x', 100_000) + "\n");
        var collected = Collect(new ObjectSpec("oval:h:obj:15", "systemdunitproperty", "linux", [new("unit", "long.service"), new("property", "Description")]));
        Assert.Equal(CollectedFlag.Error, collected.Flag);
    }

    private CollectedObject Collect(ObjectSpec spec)
    {
        CollectedObject? collected = null;
        Assert.Null(HostileInput.Run(async _ => collected = await _tree.CollectAsync(spec)));
        return collected!;
    }

    public void Dispose() => _tree.Dispose();
}
