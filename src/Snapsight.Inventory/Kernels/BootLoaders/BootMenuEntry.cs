namespace Snapsight.Inventory.Kernels.BootLoaders;

/// <summary>
/// One entry of a boot menu: its title, its id (GRUB's --id, a loader entry's file name without
/// ".conf", an extlinux LABEL), the kernel it loads (the path on its <c>linux</c> line, as
/// written), the release a loader entry states (its <c>version</c> key), and, for a GRUB
/// submenu, the entries inside it (null for an entry that boots).
/// </summary>
internal sealed record BootMenuEntry(string Title, string? Id, string? Kernel, string? Version = null, IReadOnlyList<BootMenuEntry>? Children = null);
