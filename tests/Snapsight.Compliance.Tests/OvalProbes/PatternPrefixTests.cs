using System.Text.RegularExpressions;
using CsCheck;
using Snapsight.Compliance.Oval.Probes.Files;

namespace Snapsight.Compliance.Tests.OvalProbes;

/// <summary>
/// A walk for a path pattern starts at the pattern's literal directory; starting too deep would
/// miss files. Property: for any path and any pattern built to match it (cut anywhere, with a
/// wildcard, a class or an optional character after the cut), the path lies under the start, and
/// so does the path without the character a quantifier made optional.
/// </summary>
public sealed class PatternPrefixTests
{
    private static readonly Gen<string> Name = Gen.String[Gen.Char["abcdefgz019._-"], 1, 8].Where(n => n is not "." and not "..");

    private static readonly Gen<string> Tail = Gen.OneOfConst("", "$", ".*", "[^/]*$", "?", "*", "+", "{0,2}", "(a|b)?.*", @"\d*", "|^/other");

    [Fact]
    public void Every_path_a_pattern_matches_is_under_the_walk_start() =>
        Gen.Select(Name.Array[1, 6], Gen.Int[0, 100], Tail).Sample((names, cutPercent, tail) =>
        {
            var path = "/" + string.Join("/", names);
            var cut = 1 + (path.Length - 1) * cutPercent / 100;
            var pattern = "^" + Regex.Escape(path[..cut]) + tail + (tail.Length == 0 ? Regex.Escape(path[cut..]) : "");
            var start = PatternPrefix.DirectoryOf(pattern);

            // The path itself, and the path without the character before the cut (which a quantifier may have made optional).
            string[] candidates = [path, path[..(cut - 1)] + path[cut..]];
            return candidates.All(candidate => !candidate.StartsWith('/') || !Regex.IsMatch(candidate, pattern)
                || start == "/" || candidate.StartsWith(start + "/", StringComparison.Ordinal));
        });

    [Theory]
    [InlineData(@"^/etc/ssh/sshd_config\.d/.*\.conf$", "/etc/ssh/sshd_config.d")]
    [InlineData(@"^/etc/ssh/sshd_config$", "/etc/ssh")]
    [InlineData(@"^/etc/(ssh|audit)/.*$", "/etc")]
    [InlineData(@"/etc/ssh/.*", "/")]
    [InlineData(@"^/etc/a.*|^/var/b", "/")]
    [InlineData(@"^/usr/lib\d*/x", "/usr")]
    public void Known_patterns(string pattern, string start) => Assert.Equal(start, PatternPrefix.DirectoryOf(pattern));

    /// <summary>A pattern anchored and literal to its end can match one path only, so it is looked up rather than walked for.</summary>
    [Fact]
    public void A_pattern_literal_to_its_end_names_its_one_path() =>
        Name.Array[1, 6].Sample(names =>
        {
            var path = "/" + string.Join("/", names);
            var pattern = "^" + Regex.Escape(path) + "$";
            return PatternPrefix.OnlyPath(pattern) == path && Regex.IsMatch(path, pattern);
        });

    [Theory]
    [InlineData("^$", "")]
    [InlineData(@"^/etc/issue$", "/etc/issue")]
    [InlineData(@"^/etc/rsyslog\.conf$", "/etc/rsyslog.conf")]
    [InlineData(@"^/etc/rsyslog.conf$", null)] // "." matches any character
    [InlineData(@"/etc/issue$", null)] // not anchored
    [InlineData(@"^/etc/issue", null)] // open-ended
    [InlineData(@"^/a$|^/b$", null)]
    [InlineData(@"^/etc/issue.?$", null)]
    public void Only_paths(string pattern, string? path) => Assert.Equal(path, PatternPrefix.OnlyPath(pattern));
}
