namespace Snapsight.Inventory.Kernels;

/// <summary>
/// One kernel installed on the disk: its release (what <c>uname -r</c> would print once it
/// runs, e.g. "6.1.0-18-amd64"), the package that installed it and that package's version when
/// a package owns it, the image the boot loader loads, and whether the boot loader will boot
/// it by default. The running kernel cannot be read from a disk; this is what would boot next.
/// </summary>
public sealed record InstalledKernel(string Release, string? Package, string? Version, string? Image, bool IsBootDefault);
