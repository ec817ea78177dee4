namespace Snapsight.Inventory.Kernels;

/// <summary>
/// Every path kernel detection reads or lists, and the caps on each. Only /boot, the module
/// directories and /boot/loader/entries are listed; everything else is an exact path.
/// </summary>
internal static class KernelFiles
{
    public const string Boot = "/boot";
    public const string LoaderEntries = "/boot/loader/entries";
    public const string DefaultGrub = "/etc/default/grub";

    public static IReadOnlyList<string> ModuleDirectories { get; } = ["/lib/modules", "/usr/lib/modules"];

    /// <summary>Debian's and Red Hat's places first; then the EFI system partition, where RHEL 8 and Fedora before 34 kept the real file.</summary>
    public static IReadOnlyList<string> GrubDirectories { get; } =
    [
        "/boot/grub", "/boot/grub2",
        "/boot/efi/EFI/redhat", "/boot/efi/EFI/centos", "/boot/efi/EFI/fedora", "/boot/efi/EFI/rocky",
        "/boot/efi/EFI/almalinux", "/boot/efi/EFI/debian", "/boot/efi/EFI/ubuntu", "/boot/efi/EFI/opensuse",
    ];

    public static IReadOnlyList<string> SystemdBootConfigs { get; } = ["/boot/loader/loader.conf", "/boot/efi/loader/loader.conf", "/efi/loader/loader.conf"];

    public static IReadOnlyList<string> ExtlinuxConfigs { get; } = ["/boot/extlinux.conf", "/boot/extlinux/extlinux.conf", "/boot/syslinux/syslinux.cfg"];

    public const long MaxGrubConfigBytes = 4L * 1024 * 1024;
    public const long MaxSmallFileBytes = 64 * 1024;
    public const long MaxTextConfigBytes = 1024 * 1024;
    public const int MaxBootEntries = 10_000;
    public const int MaxReleases = 1_000;
    public const int MaxLoaderEntries = 1_000;
}
