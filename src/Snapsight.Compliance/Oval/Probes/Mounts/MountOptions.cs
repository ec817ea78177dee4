namespace Snapsight.Compliance.Oval.Probes.Mounts;

/// <summary>
/// The options an fstab line's mount shows in /proc/mounts, which is what OpenSCAP's partition
/// probe reads on a live system. mount(8) (util-linux) consumes its own options ("defaults",
/// "auto", "nofail", "x-…") and the ones that restate a default ("suid", "dev", "exec",
/// "async"), and "user", "users", "owner" and "group" imply nosuid and nodev ("user" and "users"
/// noexec too). The kernel then lists "ro" or "rw" first, the superblock flags, the mount flags,
/// with "relatime" unless another atime option was asked for, then the file system's own options
/// (written as given: the kernel may show them in another form).
/// </summary>
public static class MountOptions
{
    private static readonly string[] SuperblockFlags = ["sync", "dirsync", "mand", "lazytime"];
    private static readonly string[] MountFlags = ["nosuid", "nodev", "noexec", "noatime", "nodiratime", "relatime", "nosymfollow"];
    private static readonly string[] AtimeOptions = ["noatime", "relatime", "strictatime"];

    private static readonly HashSet<string> MountOnly = new(StringComparer.Ordinal)
    {
        "defaults", "auto", "noauto", "nofail", "nouser", "_netdev", "async", "suid", "dev", "exec", "loud", "silent",
        "nolazytime", "nomand", "nostrictatime", "norelatime", "diratime", "atime", "symfollow", "owner", "group", "user", "users",
    };

    public static IReadOnlyList<string> AsMounted(string fstabOptions)
    {
        ArgumentNullException.ThrowIfNull(fstabOptions);
        var readOnly = false;
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var own = new List<string>();
        foreach (var option in fstabOptions.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (option)
            {
                case "ro":
                    readOnly = true;
                    break;
                case "rw":
                    readOnly = false;
                    break;
                case "user" or "users":
                    flags.UnionWith(["nosuid", "nodev", "noexec"]);
                    break;
                case "owner" or "group":
                    flags.UnionWith(["nosuid", "nodev"]);
                    break;
                case "suid" or "dev" or "exec" or "atime" or "diratime" or "symfollow":
                    flags.Remove("no" + option);
                    break;
                case "async" or "nomand" or "nolazytime":
                    flags.Remove(option == "async" ? "sync" : option[2..]);
                    break;
                case "strictatime" or "norelatime":
                    flags.Remove("relatime");
                    flags.Remove("noatime");
                    flags.Add("strictatime");
                    break;
                case var flag when SuperblockFlags.Contains(flag) || MountFlags.Contains(flag):
                    flags.Add(flag);
                    break;
                case var userspace when MountOnly.Contains(userspace) || userspace.StartsWith("x-", StringComparison.Ordinal) || userspace.StartsWith("comment=", StringComparison.Ordinal):
                    break;
                default:
                    own.Add(option);
                    break;
            }
        }

        if (!AtimeOptions.Any(flags.Contains))
        {
            flags.Add("relatime");
        }

        return [readOnly ? "ro" : "rw", .. SuperblockFlags.Where(flags.Contains), .. MountFlags.Where(flags.Contains), .. own];
    }
}
