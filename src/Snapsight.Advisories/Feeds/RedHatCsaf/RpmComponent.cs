namespace Snapsight.Advisories.Feeds.RedHatCsaf;

/// <summary>
/// The rpm a CSAF component names, read from its purl ("pkg:rpm/redhat/curl@7.76.1-26.el9_3.2?arch=x86_64&amp;epoch=1&amp;rpmmod=ruby:3.1:…")
/// or, without one, from its product id ("curl-1:7.76.1-26.el9_3.2.x86_64", a module build
/// ending "::ruby:3.1", or a bare name "curl"). The version is an rpm EVR with the epoch only
/// when it is not 0; the arch is dropped; the module is "name:stream".
/// </summary>
public static class RpmComponent
{
    private static readonly HashSet<string> Arches = new(StringComparer.Ordinal) { "src", "noarch", "x86_64", "i686", "i386", "aarch64", "ppc64le", "ppc64", "s390x", "s390" };

    public static (string Name, string? Version, string? Module)? FromPurl(string purl)
    {
        const string Prefix = "pkg:rpm/";
        if (!purl.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = purl[Prefix.Length..];
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        var qualifiers = query < 0 ? "" : rest[(query + 1)..];
        rest = query < 0 ? rest : rest[..query];
        var slash = rest.LastIndexOf('/');
        rest = rest[(slash + 1)..];
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        var name = Uri.UnescapeDataString(at < 0 ? rest : rest[..at]);
        var version = at < 0 ? null : Uri.UnescapeDataString(rest[(at + 1)..]);
        string? epoch = null, module = null;
        foreach (var pair in qualifiers.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (key == "epoch")
            {
                epoch = value;
            }
            else if (key == "rpmmod")
            {
                module = ModuleStream(value);
            }
        }

        return name.Length == 0 ? null : (name, version is null ? null : WithEpoch(epoch, version), module);
    }

    /// <summary>"name-epoch:version-release.arch" with an optional "::module:stream" suffix, or a bare name.</summary>
    public static (string Name, string? Version, string? Module) FromProductId(string reference)
    {
        string? module = null;
        var moduleAt = reference.IndexOf("::", StringComparison.Ordinal);
        if (moduleAt >= 0)
        {
            module = ModuleStream(reference[(moduleAt + 2)..]);
            reference = reference[..moduleAt];
        }

        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        var nameEnd = colon < 0 ? -1 : reference.LastIndexOf('-', colon);
        if (nameEnd <= 0)
        {
            return (reference, null, module);
        }

        var epoch = reference[(nameEnd + 1)..colon];
        var versionRelease = reference[(colon + 1)..];
        var arch = versionRelease.LastIndexOf('.');
        if (arch > 0 && Arches.Contains(versionRelease[(arch + 1)..]))
        {
            versionRelease = versionRelease[..arch];
        }

        return (reference[..nameEnd], WithEpoch(epoch, versionRelease), module);
    }

    private static string WithEpoch(string? epoch, string versionRelease) =>
        epoch is null or "" or "0" ? versionRelease : $"{epoch}:{versionRelease}";

    /// <summary>"ruby:3.1:8090020240311122605:a75119d5" → "ruby:3.1": name and stream, not the build.</summary>
    private static string? ModuleStream(string module)
    {
        var parts = module.Split(':', 3);
        return parts.Length >= 2 && parts[0].Length > 0 && parts[1].Length > 0 ? $"{parts[0]}:{parts[1]}" : null;
    }
}
