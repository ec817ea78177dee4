using System.IO.Enumeration;

namespace Snapsight.Inventory.Kernels.BootLoaders;

/// <summary>
/// systemd-boot's default from loader/loader.conf (loader.conf(5)): <c>default</c> is a glob
/// matched against the entry ids with ".conf" ("arch.conf", "*-6.1*"); the first entry in menu
/// order that matches is booted; without one, the first entry. An EFI variable set by
/// <c>bootctl set-default</c> overrides the file and cannot be read from a disk, so that is noted.
/// </summary>
internal static class SystemdBootDefault
{
    public static BootDefault Resolve(string? loaderConf, IReadOnlyList<BootMenuEntry> menu)
    {
        ArgumentNullException.ThrowIfNull(menu);
        var notes = new List<string> { "an EFI variable (bootctl set-default) would override loader.conf and cannot be read from a disk" };
        if (menu.Count == 0)
        {
            return BootDefault.Unknown("systemd-boot has no loader entries", notes);
        }

        string? pattern = null;
        foreach (var rawLine in (loaderConf ?? "").AsSpan().EnumerateLines())
        {
            var line = rawLine.Trim();
            if (line.StartsWith("default", StringComparison.Ordinal) && line.Length > 7 && char.IsWhiteSpace(line[7]))
            {
                pattern = line[8..].Trim().ToString();
            }
        }

        if (pattern is null or "@saved")
        {
            notes.Add(pattern is null ? "loader.conf sets no default: the first entry boots" : "default is @saved, an EFI variable: the first entry is assumed");
            return new BootDefault(menu[0], null, notes);
        }

        var match = menu.FirstOrDefault(e => e.Id is not null && FileSystemName.MatchesSimpleExpression(pattern, e.Id + ".conf", ignoreCase: false));
        if (match is null)
        {
            notes.Add($"default '{pattern}' matches no entry: the first entry boots");
        }

        return new BootDefault(match ?? menu[0], null, notes);
    }
}
