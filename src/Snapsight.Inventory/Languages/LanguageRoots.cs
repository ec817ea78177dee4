namespace Snapsight.Inventory.Languages;

/// <summary>
/// Where language packages are installed, and so where the language walk looks. A root's
/// last segment may end in '*' ("/usr/lib/python3*"). Everything else is left alone: the
/// OS package manager owns /usr/bin, /usr/lib and the rest, and its advisories cover them.
/// </summary>
internal static class LanguageRoots
{
    /// <summary>Directories the distributions install language packages into.</summary>
    public static IReadOnlyList<string> System { get; } =
    [
        "/usr/lib/python3/dist-packages",
        "/usr/lib/python2.7/dist-packages",
        "/usr/lib/python3*/site-packages",
        "/usr/lib/python3*/dist-packages",
        "/usr/lib/python2*/site-packages",
        "/usr/lib64/python3*/site-packages",
        "/usr/lib64/python2*/site-packages",
        "/usr/lib/node_modules",
        "/usr/lib/nodejs",
        "/usr/share/nodejs",
        "/usr/share/java",
        "/var/lib/tomcat*",
        "/usr/share/tomcat*",
        "/var/lib/jenkins",
        "/usr/share/jenkins",
        "/usr/lib/ruby/gems",
        "/usr/lib64/ruby/gems",
        "/usr/share/gems",
        "/usr/share/rubygems-integration",
        // Debian's gems with compiled extensions (ruby-json, ruby-nokogiri) go under the multiarch
        // folder; named, not "/usr/lib/*/…", which would look into every folder of /usr/lib.
        "/usr/lib/x86_64-linux-gnu/rubygems-integration",
        "/usr/lib/aarch64-linux-gnu/rubygems-integration",
        "/var/lib/gems",
        "/usr/share/dotnet",
        "/usr/lib/dotnet",
        "/usr/lib64/dotnet",
    ];

    /// <summary>Where people and deployment tools put software of their own: walked whole.</summary>
    public static IReadOnlyList<string> Local { get; } = ["/usr/local", "/opt", "/srv", "/app", "/home", "/root", "/var/www"];

    /// <summary>Directory names never entered: version-control data and byte-code caches hold no installed package.</summary>
    public static bool IsSkipped(string directoryName) => directoryName is ".git" or ".hg" or ".svn" or "__pycache__";
}
