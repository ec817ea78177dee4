namespace Snapsight.Advisories.Model;

/// <summary>
/// The one spelling of a package name the store keys by, so a feed's "Django" and an
/// installed "django" meet: PyPI names are normalised as PEP 503 says (lower case, runs of
/// "-", "_", "." become one "-"), NuGet ids are case-insensitive and kept lower case; every
/// other ecosystem compares names exactly.
/// </summary>
public static class PackageNames
{
    public static string Normalize(string ecosystem, string name) => ecosystem switch
    {
        Ecosystems.PyPI => NormalizePython(name),
        Ecosystems.NuGet => name.ToLowerInvariant(),
        _ => name,
    };

    private static string NormalizePython(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length);
        var inSeparator = false;
        foreach (var c in name)
        {
            if (c is '-' or '_' or '.')
            {
                inSeparator = true;
                continue;
            }

            if (inSeparator && builder.Length > 0)
            {
                builder.Append('-');
            }

            inSeparator = false;
            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
