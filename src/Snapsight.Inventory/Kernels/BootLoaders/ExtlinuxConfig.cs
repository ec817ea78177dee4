namespace Snapsight.Inventory.Kernels.BootLoaders;

/// <summary>
/// An extlinux/syslinux configuration (Alpine's /boot/extlinux.conf, written by update-extlinux):
/// LABEL blocks with their LINUX or KERNEL line, a DEFAULT line, and MENU DEFAULT inside a label.
/// Keywords are case-insensitive (syslinux documentation, "Configuration"). The default is the
/// label marked MENU DEFAULT; else the label DEFAULT names; else, when DEFAULT starts a menu
/// module (*.c32), the first label; else DEFAULT is itself a kernel command line. Pure; at most
/// <see cref="MaxLabels"/> labels.
/// </summary>
internal static class ExtlinuxConfig
{
    public const int MaxLabels = 10_000;

    public static BootDefault Default(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var labels = new List<(string Label, string? Kernel, bool MenuDefault)>();
        string? defaultLine = null;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            var words = rawLine.Trim().ToString().Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || words[0].StartsWith('#'))
            {
                continue;
            }

            var keyword = words[0].ToUpperInvariant();
            var argument = words.Length > 1 ? words[1] : "";
            if (keyword == "LABEL")
            {
                if (labels.Count >= MaxLabels)
                {
                    return BootDefault.Unknown($"the extlinux configuration has more than {MaxLabels} labels");
                }

                labels.Add((argument, null, false));
            }
            else if (keyword == "DEFAULT")
            {
                defaultLine ??= argument;
            }
            else if (labels.Count > 0 && keyword is "LINUX" or "KERNEL" && labels[^1].Kernel is null)
            {
                labels[^1] = labels[^1] with { Kernel = argument };
            }
            else if (labels.Count > 0 && keyword == "MENU" && argument.Equals("DEFAULT", StringComparison.OrdinalIgnoreCase))
            {
                labels[^1] = labels[^1] with { MenuDefault = true };
            }
        }

        var chosen = labels.FindIndex(l => l.MenuDefault);
        chosen = chosen >= 0 ? chosen : labels.FindIndex(l => l.Label == defaultLine);
        if (chosen < 0 && defaultLine is not null && !defaultLine.EndsWith(".c32", StringComparison.OrdinalIgnoreCase))
        {
            return new BootDefault(new BootMenuEntry(defaultLine, null, defaultLine), null, []);
        }

        chosen = chosen >= 0 ? chosen : labels.Count > 0 ? 0 : -1;
        return chosen < 0
            ? BootDefault.Unknown("the extlinux configuration has no LABEL and no DEFAULT kernel")
            : new BootDefault(new BootMenuEntry(labels[chosen].Label, labels[chosen].Label, labels[chosen].Kernel), null, []);
    }
}
