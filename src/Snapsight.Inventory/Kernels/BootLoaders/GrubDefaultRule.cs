using System.Globalization;

namespace Snapsight.Inventory.Kernels.BootLoaders;

/// <summary>
/// GRUB's rule for the default entry (GRUB manual, "default" and "GRUB_DEFAULT"): the value of
/// <c>default</c> is an entry number counted from 0, a title or an id, or a path of those
/// joined by '>' into submenus; a value that names no entry, or a number past the menu, boots
/// the first entry. grub.cfg's own assignments are read as the generated files write them:
/// the one under <c>if [ "${next_entry}" ]</c> applies only to the one boot grub-reboot asked
/// for, so the default is the last other assignment, with <c>${saved_entry}</c> taken from grubenv.
/// </summary>
internal static class GrubDefaultRule
{
    public static BootDefault Resolve(GrubConfig config, IReadOnlyList<BootMenuEntry> blsEntries, GrubEnvironment? environment)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(blsEntries);
        var menu = config.Entries.ToList();
        if (config.BlsInsertAt is { } at)
        {
            menu.InsertRange(Math.Min(at, menu.Count), blsEntries);
        }

        var notes = new List<string>();
        if (environment?.Get("next_entry") is { } once)
        {
            notes.Add($"grubenv sets next_entry={once}: the next boot only takes that entry, later boots the default");
        }

        var value = config.DefaultAssignments.LastOrDefault(v => !v.Contains("next_entry", StringComparison.Ordinal)) ?? "0";
        if (value.Contains("saved_entry", StringComparison.Ordinal))
        {
            var saved = environment?.Get("saved_entry");
            if (saved is null)
            {
                notes.Add(environment is null ? "default is ${saved_entry} but there is no grubenv: GRUB boots the first entry" : "default is ${saved_entry} but grubenv sets none: GRUB boots the first entry");
            }

            value = value.Replace("${saved_entry}", saved ?? "", StringComparison.Ordinal).Replace("$saved_entry", saved ?? "", StringComparison.Ordinal);
        }

        if (value.Contains('$', StringComparison.Ordinal))
        {
            return BootDefault.Unknown($"default is '{value}', a variable GRUB sets only while it runs", notes);
        }

        if (menu.Count == 0)
        {
            return BootDefault.Unknown("the GRUB menu has no entries", notes);
        }

        var entry = Select(menu, value, notes);
        return entry.Children is null
            ? new BootDefault(entry, null, notes)
            : BootDefault.Unknown($"default '{value}' is the submenu '{entry.Title}', not an entry that boots", notes);
    }

    /// <summary>Walks a '>' path from the top-level menu; where a step names nothing, GRUB takes the first entry of the top menu.</summary>
    private static BootMenuEntry Select(List<BootMenuEntry> menu, string value, List<string> notes)
    {
        IReadOnlyList<BootMenuEntry> level = menu;
        BootMenuEntry? chosen = null;
        foreach (var step in value.Split('>'))
        {
            var found = Find(level, step);
            if (found is null)
            {
                notes.Add(value.Length == 0 ? "default is empty: GRUB boots the first entry" : $"default '{value}' names no entry of the menu: GRUB boots the first entry");
                return menu[0];
            }

            chosen = found;
            if (found.Children is null)
            {
                break;
            }

            level = found.Children;
        }

        return chosen ?? menu[0];
    }

    private static BootMenuEntry? Find(IReadOnlyList<BootMenuEntry> level, string step)
    {
        if (step.Length > 0 && step.All(char.IsAsciiDigit))
        {
            // A number too large for any menu (2^40, or beyond long) is simply past the end.
            return long.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < level.Count ? level[(int)index] : null;
        }

        return level.FirstOrDefault(e => e.Title == step || e.Id == step);
    }
}
