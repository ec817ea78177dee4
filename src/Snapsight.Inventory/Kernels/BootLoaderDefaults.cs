using System.Text;
using Snapsight.Disk;
using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Analyzers;
using Snapsight.Inventory.Kernels.BootLoaders;
using Snapsight.Inventory.Os;

namespace Snapsight.Inventory.Kernels;

/// <summary>
/// Which installed kernel the boot loader boots by default, from the first configuration found:
/// GRUB 2 (grub.cfg, with the Boot Loader Specification entries when it runs <c>blscfg</c>, and
/// grubenv's saved_entry), then systemd-boot (loader.conf and the loader entries), then
/// extlinux/syslinux, and last GRUB_DEFAULT in /etc/default/grub, with a note that it is only
/// what grub-mkconfig would use. When none tells, a gap says why.
/// </summary>
internal static class BootLoaderDefaults
{
    public static async Task<(IReadOnlyList<InstalledKernel> Kernels, string? BootLoader)> FindAsync(
        FileTree tree, IReadOnlyList<InstalledKernel> kernels, List<InventoryGap> gaps, CancellationToken ct)
    {
        foreach (var directory in KernelFiles.GrubDirectories)
        {
            var path = directory + "/grub.cfg";
            if (await ReadTextAsync(tree, path, KernelFiles.MaxGrubConfigBytes, gaps, ct).ConfigureAwait(false) is not { } text)
            {
                continue;
            }

            var config = GrubConfigParser.Parse(text);
            gaps.AddRange(config.Problems.Select(p => new InventoryGap(path, p)));
            if (config.Entries.Count == 0 && config.BlsInsertAt is null)
            {
                continue; // an EFI stub that hands over to the grub.cfg in /boot
            }

            var environment = await GrubEnvironmentAsync(tree, directory, gaps, ct).ConfigureAwait(false);
            var bls = config.BlsInsertAt is null ? [] : await LoaderEntriesAsync(tree, gaps, ct).ConfigureAwait(false);
            var loader = config.BlsInsertAt is null ? "grub" : "grub+bls";
            return Mark(kernels, GrubDefaultRule.Resolve(config, bls, environment), loader, path, gaps);
        }

        foreach (var path in KernelFiles.SystemdBootConfigs)
        {
            if (await ReadTextAsync(tree, path, KernelFiles.MaxSmallFileBytes, gaps, ct).ConfigureAwait(false) is { } text)
            {
                var entries = await LoaderEntriesAsync(tree, gaps, ct).ConfigureAwait(false);
                return Mark(kernels, SystemdBootDefault.Resolve(text, entries), "systemd-boot", path, gaps);
            }
        }

        foreach (var path in KernelFiles.ExtlinuxConfigs)
        {
            if (await ReadTextAsync(tree, path, KernelFiles.MaxTextConfigBytes, gaps, ct).ConfigureAwait(false) is { } text)
            {
                return Mark(kernels, ExtlinuxConfig.Default(text), "extlinux", path, gaps);
            }
        }

        return await FromDefaultGrubAsync(tree, kernels, gaps, ct).ConfigureAwait(false);
    }

    /// <summary>Marks the kernel the chosen entry loads, matched by its image's file name or the release a loader entry states.</summary>
    private static (IReadOnlyList<InstalledKernel>, string?) Mark(
        IReadOnlyList<InstalledKernel> kernels, BootDefault choice, string loader, string where, List<InventoryGap> gaps)
    {
        gaps.AddRange(choice.Notes.Select(n => new InventoryGap(where, n)));
        if (choice.Entry is not { } entry)
        {
            gaps.Add(new InventoryGap(where, $"boot loader default cannot be told: {choice.Problem}"));
            return (kernels, null);
        }

        var image = entry.Kernel is null ? null : FileName(entry.Kernel);
        var chosen = kernels.FirstOrDefault(k => (image is not null && (k.Image is not null && FileName(k.Image) == image || image == "vmlinuz-" + k.Release)) || k.Release == entry.Version);
        if (chosen is null)
        {
            gaps.Add(new InventoryGap(where, $"boot loader default cannot be told: the default entry '{entry.Title}' loads {entry.Kernel ?? "no kernel"}, which is not an installed kernel"));
            return (kernels, null);
        }

        return ([.. kernels.Select(k => k == chosen ? k with { IsBootDefault = true } : k)], loader);
    }

    /// <summary>
    /// Without any boot loader configuration, /etc/default/grub's GRUB_DEFAULT is what the next
    /// grub-mkconfig would use: only a value naming an installed release (a title or id holds it)
    /// can be matched without the generated menu.
    /// </summary>
    private static async Task<(IReadOnlyList<InstalledKernel>, string?)> FromDefaultGrubAsync(
        FileTree tree, IReadOnlyList<InstalledKernel> kernels, List<InventoryGap> gaps, CancellationToken ct)
    {
        if (await ReadTextAsync(tree, KernelFiles.DefaultGrub, KernelFiles.MaxTextConfigBytes, gaps, ct).ConfigureAwait(false) is not { } text)
        {
            gaps.Add(new InventoryGap(KernelFiles.Boot, "boot loader default cannot be told: no GRUB, systemd-boot or extlinux configuration was found"));
            return (kernels, null);
        }

        var value = OsReleaseParser.Parse(text).Get("GRUB_DEFAULT") ?? "0";
        if (value == "saved")
        {
            var environment = await GrubEnvironmentAsync(tree, KernelFiles.GrubDirectories[0], gaps, ct).ConfigureAwait(false);
            value = environment?.Get("saved_entry") ?? value;
        }

        var named = kernels.Where(k => value.Contains(k.Release, StringComparison.Ordinal)).MaxBy(k => k.Release.Length);
        if (named is null)
        {
            gaps.Add(new InventoryGap(KernelFiles.DefaultGrub, $"boot loader default cannot be told: there is no grub.cfg, and GRUB_DEFAULT={value} names no installed kernel (an entry number needs the generated menu)"));
            return (kernels, null);
        }

        gaps.Add(new InventoryGap(KernelFiles.DefaultGrub, "there is no grub.cfg: the default is what GRUB_DEFAULT names, which takes effect only when grub-mkconfig runs"));
        return ([.. kernels.Select(k => k == named ? k with { IsBootDefault = true } : k)], "grub-default-file");
    }

    /// <summary>grubenv beside the grub.cfg first, then the other GRUB directories' (RHEL 8 links /boot/grub2/grubenv to the EFI copy).</summary>
    private static async Task<GrubEnvironment?> GrubEnvironmentAsync(FileTree tree, string directory, List<InventoryGap> gaps, CancellationToken ct)
    {
        foreach (var candidate in KernelFiles.GrubDirectories.Prepend(directory).Distinct(StringComparer.Ordinal))
        {
            var path = candidate + "/grubenv";
            if (await ReadBytesAsync(tree, path, KernelFiles.MaxSmallFileBytes, gaps, ct).ConfigureAwait(false) is { } bytes)
            {
                var environment = GrubEnvironment.Parse(bytes);
                gaps.AddRange(environment.Problems.Select(p => new InventoryGap(path, p)));
                return environment;
            }
        }

        return null;
    }

    private static async Task<IReadOnlyList<BootMenuEntry>> LoaderEntriesAsync(FileTree tree, List<InventoryGap> gaps, CancellationToken ct)
    {
        var files = await KernelDetector.ListAsync(tree, KernelFiles.LoaderEntries, FileType.File, KernelFiles.MaxLoaderEntries, gaps, ct).ConfigureAwait(false);
        var entries = new List<(BootMenuEntry, string?)>();
        foreach (var file in files.Where(f => f.Path.EndsWith(".conf", StringComparison.Ordinal)))
        {
            if (await ReadTextAsync(tree, file.Path, KernelFiles.MaxSmallFileBytes, gaps, ct).ConfigureAwait(false) is { } text)
            {
                var name = FileName(file.Path);
                entries.Add(BootLoaderSpecEntry.Parse(name[..^".conf".Length], text));
            }
        }

        return BootLoaderSpecEntry.InMenuOrder(entries);
    }

    private static async Task<string?> ReadTextAsync(FileTree tree, string path, long maxBytes, List<InventoryGap> gaps, CancellationToken ct) =>
        await ReadBytesAsync(tree, path, maxBytes, gaps, ct).ConfigureAwait(false) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    private static async Task<byte[]?> ReadBytesAsync(FileTree tree, string path, long maxBytes, List<InventoryGap> gaps, CancellationToken ct)
    {
        try
        {
            return await TreeFiles.ReadAsync(tree, path, maxBytes, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DiskFormatException or IOException)
        {
            gaps.Add(new InventoryGap(path, $"cannot be read: {e.Message}"));
            return null;
        }
    }

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];
}
