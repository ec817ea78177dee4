namespace Snapsight.Inventory.Packages.Dpkg;

/// <summary>
/// dpkg's Status field, "want flag state" (e.g. "install ok installed", "hold ok installed",
/// "deinstall ok config-files"). <c>dpkg-query -W</c> lists every package whose state is
/// anything but not-installed, config-files and half-installed included, so this does too.
/// </summary>
internal static class DpkgStatusField
{
    // The words dpkg knows (lib/dpkg/parsehelp.c); any other makes dpkg refuse the file.
    private static readonly string[] Wants = ["unknown", "install", "hold", "deinstall", "purge"];
    private static readonly string[] Flags = ["ok", "reinstreq"];
    private static readonly string[] States =
    [
        "not-installed", "config-files", "half-installed", "unpacked",
        "half-configured", "triggers-awaited", "triggers-pending", "installed",
    ];

    /// <summary>
    /// Reads <paramref name="value"/>; on success <paramref name="normalized"/> is the three
    /// words with single spaces, as dpkg-query prints it, and the result says whether
    /// dpkg-query lists the package. On failure <paramref name="problem"/> says why.
    /// </summary>
    public static bool TryRead(string value, out string normalized, out bool listed, out string problem)
    {
        var words = value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        normalized = string.Join(' ', words);
        listed = false;
        problem = "";
        if (words.Length != 3)
        {
            problem = $"Status '{normalized}' is not three words (want flag state)";
            return false;
        }

        var unknown = Array.IndexOf(Wants, words[0]) < 0 ? words[0]
            : Array.IndexOf(Flags, words[1]) < 0 ? words[1]
            : Array.IndexOf(States, words[2]) < 0 ? words[2]
            : null;
        if (unknown is not null)
        {
            problem = $"Status '{normalized}' has an unknown word '{unknown}'";
            return false;
        }

        listed = words[2] != "not-installed";
        return true;
    }
}
