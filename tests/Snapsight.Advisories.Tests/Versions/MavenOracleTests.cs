using CsCheck;
using Snapsight.Advisories.Versions;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Versions;

/// <summary>Our Maven comparer against Maven's own ComparableVersion (Debian's maven3-artifact jar, Maven 3.8.7), on generated versions.</summary>
public sealed class MavenOracleTests
{
    private const string ArtifactJar = "/usr/share/java/maven3-artifact.jar";

    /// <summary>
    /// Versions without a qualifier straight after a dot: there Maven 3.8.7 reads <c>.X</c> as
    /// <c>-X</c> (MNG-7559), while the vectors (and we) keep the older reading; see docs/advisories/versions.md.
    /// </summary>
    private static readonly Gen<string> WithoutDottedQualifiers = GeneratedVersions.ReleaseShaped.Where(v =>
        !Enumerable.Range(0, v.Length - 1).Any(i => v[i] == '.' && !char.IsAsciiDigit(v[i + 1])));

    [Fact]
    public void Generated_versions_order_as_maven_orders_them() =>
        GeneratedVersions.Pairs(WithoutDottedQualifiers).Array[300].Sample(
            pairs => OracleVerdicts.AssertAgree("maven", MavenVersionComparer.Instance, pairs, MavenVerdicts(pairs)),
            iter: 1,
            threads: 1);

    /// <summary>
    /// ComparableVersion's main compares each argument with the next, in one JVM; given
    /// a1 b1 a2 b2 … the comparisons at even positions are the pairs'.
    /// </summary>
    private static int[] MavenVerdicts((string A, string B)[] pairs)
    {
        string[] arguments = ["-cp", ArtifactJar, "org.apache.maven.artifact.versioning.ComparableVersion", .. pairs.SelectMany(p => new[] { p.A, p.B })];
        var comparisons = Tool.Run("java", arguments, null, null)
            .Split('\n')
            .Where(line => line.StartsWith("   ", StringComparison.Ordinal))
            .Select(line => line.Trim().Split(' ')[1] switch
            {
                "<" => -1,
                "==" => 0,
                ">" => 1,
                var op => throw new InvalidDataException($"unexpected ComparableVersion output: {line} ({op})"),
            })
            .ToArray();
        return comparisons.Where((_, i) => i % 2 == 0).ToArray();
    }
}
