namespace Snapsight.Inventory.Kernels;

/// <summary>
/// The installed kernels, sorted by release; <see cref="BootLoader"/> names the configuration
/// that told the default ("grub", "grub+bls", "systemd-boot", "extlinux", "grub-default-file"),
/// or is null when none could; <see cref="Gaps"/> says why not.
/// </summary>
public sealed record KernelDetection(IReadOnlyList<InstalledKernel> Kernels, string? BootLoader, IReadOnlyList<InventoryGap> Gaps)
{
    public static KernelDetection None { get; } = new([], null, []);
}
