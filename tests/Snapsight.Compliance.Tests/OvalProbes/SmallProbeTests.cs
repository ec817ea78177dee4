using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Compliance.Tests.OvalProbes.Support;

namespace Snapsight.Compliance.Tests.OvalProbes;

/// <summary>family, symlink and xmlfilecontent against oscap on the same tree; environmentvariable58 as pam_env reads /etc/environment.</summary>
public sealed class SmallProbeTests : IDisposable
{
    private readonly ProbeTree _tree = new ProbeTree()
        .File("/etc/ssh/sshd_config", "Port 22\n")
        .File("/usr/bin/true", "")
        .Link("/etc/alternatives/editor", "/usr/bin/vim.basic")
        .File("/usr/bin/vim.basic", "")
        .Link("/usr/bin/editor", "/etc/alternatives/editor")
        .Link("/etc/dangling", "/nowhere")
        .File("/etc/dconf/db/site.xml", "<config><key name=\"a\" value=\"1\"/><key name=\"b\" value=\"2\">text</key><flag>on</flag></config>");

    [Fact]
    public async Task Family_symlink_and_xml_items_match_oscap()
    {
        ObjectSpec[] objects =
        [
            new("oval:x:obj:1", "family", "independent", []),
            new("oval:x:obj:2", "symlink", "unix", [new("filepath", "/usr/bin/editor")]),
            new("oval:x:obj:3", "symlink", "unix", [new("filepath", "/etc/ssh/sshd_config")]),
            new("oval:x:obj:4", "xmlfilecontent", "independent", [new("filepath", "/etc/dconf/db/site.xml"), new("xpath", "/config/key/@value")]),
            new("oval:x:obj:5", "xmlfilecontent", "independent", [new("filepath", "/etc/dconf/db/site.xml"), new("xpath", "/config/flag/text()")]),
        ];
        var found = 0;
        foreach (var spec in objects)
        {
            // One object per run: oscap 1.3.7 crashes (SIGSEGV) on this set of objects evaluated together, never on one alone.
            var expected = OscapOracle.Collect([spec], _tree.Root)[spec.Id];
            var collected = await _tree.CollectAsync(spec);
            Assert.Equal(ItemText.Of(expected.Items), ItemText.Of(collected));
            found += expected.Items.Count > 0 ? 1 : 0;
        }

        Assert.Equal(4, found);
    }

    [Fact]
    public async Task A_dangling_link_gives_no_symlink_item()
    {
        var collected = await _tree.CollectAsync(new ObjectSpec("oval:x:obj:7", "symlink", "unix", [new("filepath", "/etc/dangling")]));
        Assert.Equal(CollectedFlag.DoesNotExist, collected.Flag);
    }

    [Fact]
    public async Task Environment_comes_from_etc_environment_as_pam_env_reads_it()
    {
        // pam_env(8): "export " is allowed before a name, one level of quotes is removed, '#' starts a comment line.
        _tree.File("/etc/environment", "PATH=\"/usr/local/bin:/usr/bin\"\n# TMOUT=1\nexport TMOUT=600\nLANG='C.UTF-8'\nnot an assignment\n");
        var collected = await _tree.CollectAsync(new ObjectSpec("oval:x:obj:8", "environmentvariable58", "independent",
            [new("pid", "", Datatype: "int", Nil: true), new("name", ".*", "pattern match")]));

        Assert.Equal(["PATH=/usr/local/bin:/usr/bin", "TMOUT=600", "LANG=C.UTF-8"], collected.Items.Select(i => $"{i.Values("name")[0]}={i.Values("value")[0]}"));
        Assert.Equal("/etc/environment:3", collected.Items[1].Evidence);
    }

    [Fact]
    public async Task A_process_environment_needs_a_running_system()
    {
        var collected = await _tree.CollectAsync(new ObjectSpec("oval:x:obj:9", "environmentvariable58", "independent",
            [new("pid", "1", Datatype: "int"), new("name", "PATH")]));
        Assert.Equal(CollectedFlag.NotCollected, collected.Flag);
    }

    public void Dispose() => _tree.Dispose();
}
