using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Compliance.Tests.OvalProbes.Support;

namespace Snapsight.Compliance.Tests.OvalProbes;

/// <summary>
/// textfilecontent54 against OpenSCAP's own probe on the same tree, for the shapes SSG content
/// uses: an exact filepath, a filepath pattern (a bounded walk), path and filename with
/// recursion, instance filters, the singleline behavior and POSIX bracket classes.
/// </summary>
public sealed class TextFileContent54ProbeTests : IDisposable
{
    private readonly ProbeTree _tree = new ProbeTree()
        .File("/etc/ssh/sshd_config", "Port 22\n#PermitRootLogin yes\n  PermitRootLogin no\nX11Forwarding yes\nMatch User x\n\tPermitRootLogin yes\n")
        .File("/etc/ssh/sshd_config.d/50-cloud.conf", "Ciphers aes128-ctr,aes256-ctr\nPasswordAuthentication no\n")
        .File("/etc/ssh/sshd_config.d/README", "Ciphers none\n")
        .File("/etc/audit/rules.d/a.conf", "-w /etc/passwd -p wa -k identity\n-a always,exit -F arch=b64 -S execve\n")
        .File("/etc/audit/rules.d/sub/b.conf", "-w /etc/group -p wa -k identity\n");

    private static EntitySpec AtLeastFirst => new("instance", "1", "greater than or equal", "int");

    public static TheoryData<string> Cases => new(Objects.Select(o => o.Id));

    private static readonly ObjectSpec[] Objects =
    [
        new("oval:t:obj:1", "textfilecontent54", "independent",
            [new("filepath", "/etc/ssh/sshd_config"), new("pattern", @"^\s*(\w+)\s+(\S+)", "pattern match"), AtLeastFirst]),
        new("oval:t:obj:2", "textfilecontent54", "independent",
            [new("filepath", @"^/etc/ssh/sshd_config\.d/.*\.conf$", "pattern match"), new("pattern", @"^Ciphers\s+(.*)$", "pattern match"), AtLeastFirst]),
        new("oval:t:obj:3", "textfilecontent54", "independent",
            [new("filepath", "/etc/ssh/sshd_config"), new("pattern", @"^[[:space:]]*PermitRootLogin[[:space:]]+([[:alnum:]]+)", "pattern match"), new("instance", "2", "equals", "int")]),
        new("oval:t:obj:4", "textfilecontent54", "independent",
            [new("path", "/etc/ssh"), new("filename", "^sshd_config$", "pattern match"), new("pattern", @"Port.*?Permit(\w+)", "pattern match"), new("instance", "1", "equals", "int")],
            new Dictionary<string, string> { ["singleline"] = "true", ["multiline"] = "false" }),
        new("oval:t:obj:5", "textfilecontent54", "independent",
            [new("path", "/etc/audit"), new("filename", @"\.conf$", "pattern match"), new("pattern", @"^-w\s+(\S+).*-k\s+(\w+)$", "pattern match"), AtLeastFirst],
            new Dictionary<string, string> { ["recurse"] = "directories", ["recurse_direction"] = "down", ["max_depth"] = "-1", ["recurse_file_system"] = "all" }),
        new("oval:t:obj:6", "textfilecontent54", "independent",
            [new("filepath", "/etc/ssh/missing"), new("pattern", ".*", "pattern match"), AtLeastFirst]),
        new("oval:t:obj:7", "textfilecontent54", "independent",
            [new("path", "/etc/audit/rules.d"), new("filename", @"\.conf$", "pattern match"), new("pattern", @"^-w\s+(\S+)", "pattern match"), AtLeastFirst],
            new Dictionary<string, string> { ["recurse"] = "directories", ["recurse_direction"] = "down", ["max_depth"] = "0" }),
    ];

    private readonly Lazy<IReadOnlyDictionary<string, OscapOracle.Collected>> _oracle;

    public TextFileContent54ProbeTests() => _oracle = new(() => OscapOracle.Collect(Objects, _tree.Root));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Items_match_oscap(string objectId)
    {
        var spec = Objects.Single(o => o.Id == objectId);
        var collected = await _tree.CollectAsync(spec);
        var expected = _oracle.Value[objectId];
        Assert.Equal(ItemText.Of(expected.Items), ItemText.Of(collected));
        Assert.True(expected.Items.Count > 0 || objectId == "oval:t:obj:6", "the case should find something");
        Assert.Equal(expected.Flag == "does not exist" ? CollectedFlag.DoesNotExist : CollectedFlag.Complete, collected.Flag);
    }

    [Fact]
    public async Task Each_match_names_the_line_it_starts_on()
    {
        var collected = await _tree.CollectAsync(Objects[0]);

        // Port (line 1), PermitRootLogin no (3), X11Forwarding (4), Match (5), PermitRootLogin yes (6): "#PermitRootLogin" is no \w+ at a line start.
        Assert.Equal(
            ["/etc/ssh/sshd_config:1", "/etc/ssh/sshd_config:3", "/etc/ssh/sshd_config:4", "/etc/ssh/sshd_config:5", "/etc/ssh/sshd_config:6"],
            collected.Items.Select(i => i.Evidence));
        Assert.Equal(["1", "2", "3", "4", "5"], collected.Items.Select(i => i.Values("instance")[0]));
    }

    public void Dispose() => _tree.Dispose();
}
