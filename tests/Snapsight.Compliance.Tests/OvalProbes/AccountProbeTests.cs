using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Compliance.Tests.OvalProbes.Support;

namespace Snapsight.Compliance.Tests.OvalProbes;

/// <summary>
/// password and shadow against OpenSCAP. oscap's password probe reads the tree's /etc/passwd;
/// its shadow probe asks glibc for the host's own entries (under OSCAP_PROBE_ROOT it answers
/// "not applicable"), so the shadow oracle is the host's /etc/shadow, copied into the tree.
/// </summary>
public sealed class AccountProbeTests : IDisposable
{
    private static readonly EntitySpec Everyone = new("username", ".*", "pattern match");

    private readonly ProbeTree _tree = new();

    [Fact]
    public async Task Password_items_match_oscap()
    {
        _tree.File("/etc/passwd", """
            root:x:0:0:root:/root:/bin/bash
            daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
            a line without fields
            nobody:x:65534:65534:nobody,,,:/nonexistent:/usr/sbin/nologin
            empty:x:1001:1001:::

            """);
        ObjectSpec[] objects =
        [
            new("oval:p:obj:1", "password", "unix", [Everyone]),
            new("oval:p:obj:2", "password", "unix", [new("username", "root", "not equal")]),
        ];
        var oracle = OscapOracle.Collect(objects, _tree.Root);
        foreach (var spec in objects)
        {
            var collected = await _tree.CollectAsync(spec);
            Assert.NotEmpty(oracle[spec.Id].Items);

            // last_login needs lastlog; OpenSCAP prints -1 for "unknown", we leave it out.
            Assert.Equal(ItemText.Of(oracle[spec.Id].Items, "last_login"), ItemText.Of(collected));
        }
    }

    [Fact]
    public async Task Shadow_items_match_oscap_on_the_hosts_own_file()
    {
        _tree.Bytes("/etc/shadow", File.ReadAllBytes("/etc/shadow"));
        ObjectSpec spec = new("oval:s:obj:1", "shadow", "unix", [Everyone]);
        var oracle = OscapOracle.Collect([spec], probeRoot: null)[spec.Id];
        var collected = await _tree.CollectAsync(spec);
        Assert.NotEmpty(oracle.Items);

        // An empty reserved field is 2^64-1 in OpenSCAP's output (its -1 printed unsigned); we leave it out.
        var expected = oracle.Items.Select(i => i.Where(e => !(e.Key == "flag" && e.Value[0] == ulong.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToDictionary());
        Assert.Equal(ItemText.Of(expected), ItemText.Of(collected));
    }

    [Fact]
    public async Task Shadow_reads_empty_ages_as_minus_one_and_names_the_hash()
    {
        _tree.File("/etc/shadow", "alice:$6$salt$hash:19000:0:99999:7:::\nbob:$y$j9T$salt$hash:19000::::::\nbroken:x:notanumber::::::\n");
        var collected = await _tree.CollectAsync(new ObjectSpec("oval:s:obj:2", "shadow", "unix", [Everyone]));

        Assert.Equal(["alice", "bob"], collected.Items.Select(i => i.Values("username")[0]));
        Assert.Equal(["SHA-512", ""], collected.Items.Select(i => i.Values("encrypt_method")[0]));
        Assert.Equal(["-1"], collected.Items[1].Values("chg_allow"));
        Assert.Equal("/etc/shadow:2", collected.Items[1].Evidence);
    }

    [Fact]
    public async Task No_passwd_file_means_no_items()
    {
        var collected = await _tree.CollectAsync(new ObjectSpec("oval:p:obj:3", "password", "unix", [Everyone]));
        Assert.Equal(CollectedFlag.DoesNotExist, collected.Flag);
    }

    public void Dispose() => _tree.Dispose();
}
