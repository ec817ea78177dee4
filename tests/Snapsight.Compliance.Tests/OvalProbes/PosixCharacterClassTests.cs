using System.Text.RegularExpressions;
using Snapsight.Compliance.Oval;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Compliance.Tests.OvalProbes;

/// <summary>
/// POSIX bracket classes, rewritten for .NET, select the same ASCII characters as PCRE's
/// (<c>grep -P</c>), one character per line, every class SSG content could write, alone and
/// negated.
/// </summary>
public sealed class PosixCharacterClassTests
{
    public static TheoryData<string> Classes => new("alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "word", "xdigit");

    [Theory]
    [MemberData(nameof(Classes))]
    public void A_class_matches_what_pcre_matches(string name)
    {
        using var work = new TempDirectory();
        var characters = Enumerable.Range(0, 128).Select(c => (char)c).Where(c => c is not '\n' and not '\0').ToArray();
        var input = work.File("chars.txt");
        File.WriteAllText(input, string.Join("\n", characters) + "\n", new System.Text.UTF8Encoding(false));
        foreach (var pattern in (string[])[$"^[[:{name}:]]$", $"^[^[:{name}:]]$", $"^x?[_[:{name}:]]+$"])
        {
            var expected = Grep(pattern, input);
            var regex = new Regex(PosixCharacterClasses.Translate(pattern), RegexOptions.CultureInvariant);
            var ours = characters.Select((c, i) => (c, i)).Where(p => regex.IsMatch(p.c.ToString())).Select(p => p.i + 1);
            Assert.Equal(expected, ours);
        }
    }

    /// <summary>The 1-based line numbers grep -P selects (it exits 1 when none match).</summary>
    private static IEnumerable<int> Grep(string pattern, string file)
    {
        var start = new System.Diagnostics.ProcessStartInfo("grep") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-a", "-n", "-P", pattern, file])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode is 0 or 1, $"grep exited {process.ExitCode}");
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => int.Parse(l[..l.IndexOf(':')], System.Globalization.CultureInfo.InvariantCulture))];
    }
}
