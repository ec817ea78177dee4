namespace Snapsight.Cli.Tests.Sbom;

/// <summary>
/// A Package URL taken apart by the purl specification's grammar
/// (pkg:type/namespace/name@version?qualifiers#subpath), written here independently of the
/// product's PackageUrl, so that a purl in an SBOM is checked by a second reader.
/// </summary>
public sealed record PackageUrlText(string Type, string? Namespace, string Name, string Version, IReadOnlyDictionary<string, string> Qualifiers)
{
    public static PackageUrlText Parse(string purl)
    {
        Assert.StartsWith("pkg:", purl, StringComparison.Ordinal);
        var rest = purl["pkg:".Length..];
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        rest = hash >= 0 ? rest[..hash] : rest;
        var qualifiers = new Dictionary<string, string>(StringComparer.Ordinal);
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            foreach (var pair in rest[(question + 1)..].Split('&'))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                Assert.True(equals > 0, $"qualifier without a key: {purl}");
                Assert.True(qualifiers.TryAdd(pair[..equals], Uri.UnescapeDataString(pair[(equals + 1)..])), $"qualifier twice: {purl}");
            }

            Assert.Equal(qualifiers.Keys.Order(StringComparer.Ordinal), qualifiers.Keys); // the spec sorts them
            rest = rest[..question];
        }

        var at = rest.LastIndexOf('@');
        Assert.True(at > 0, $"no version: {purl}");
        var version = Uri.UnescapeDataString(rest[(at + 1)..]);
        var segments = rest[..at].Split('/');
        Assert.True(segments.Length >= 2 && segments.All(s => s.Length > 0), $"no type/name: {purl}");
        Assert.Matches("^[a-z][a-z0-9.+-]*$", segments[0]);
        var ns = segments.Length > 2 ? string.Join('/', segments[1..^1].Select(Uri.UnescapeDataString)) : null;
        return new PackageUrlText(segments[0], ns, Uri.UnescapeDataString(segments[^1]), version, qualifiers);
    }
}
