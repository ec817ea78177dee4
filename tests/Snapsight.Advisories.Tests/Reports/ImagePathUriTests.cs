using System.Text.RegularExpressions;
using CsCheck;
using Snapsight.Advisories.Reports;

namespace Snapsight.Advisories.Tests.Reports;

/// <summary>Paths inside an image become relative URI references that .NET's own unescaping turns back into the path.</summary>
public sealed partial class ImagePathUriTests
{
    /// <summary>RFC 3986 relative-part made of path segments: pchar or "/", no ":" at all (a first segment holding one reads as a scheme).</summary>
    [GeneratedRegex("^(?:[A-Za-z0-9._~!$&'()*+,;=@/-]|%[0-9A-F]{2})*$")]
    private static partial Regex RelativePath();

    internal static void AssertRelativeReference(string uri)
    {
        Assert.Matches(RelativePath(), uri);
        Assert.False(uri.StartsWith('/'), uri);
        Assert.True(Uri.TryCreate(uri, UriKind.Relative, out _), uri);
    }

    [Fact]
    public void Any_path_round_trips_through_the_uri()
    {
        var parts = Gen.OneOfConst("/", "a", "Z", "9", " ", "%", "%41", ":", "?", "#", "[", "]", "!", "ü", "日本", "😀", "\\", "\"", "\u0001", "..", "+");
        parts.Array[0, 12].Select(p => string.Concat(p)).Sample(path =>
        {
            var uri = ImagePathUri.Relative(path);
            AssertRelativeReference(uri);
            Assert.Equal(path.TrimStart('/'), Uri.UnescapeDataString(uri));
        }, iter: 5_000);
    }

    [Theory]
    [InlineData("/var/lib/dpkg/status", "var/lib/dpkg/status")]
    [InlineData("/opt/a b/app.jar!/META-INF/x.properties", "opt/a%20b/app.jar!/META-INF/x.properties")]
    [InlineData("/usr/lib/python3/naïve-1.0.dist-info/METADATA", "usr/lib/python3/na%C3%AFve-1.0.dist-info/METADATA")]
    [InlineData("/c:d/100%", "c%3Ad/100%25")]
    public void Known_paths(string path, string expected) => Assert.Equal(expected, ImagePathUri.Relative(path));
}
