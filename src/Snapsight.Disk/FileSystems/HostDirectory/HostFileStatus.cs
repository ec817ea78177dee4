using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Snapsight.Disk.FileSystems.HostDirectory;

/// <summary>
/// Owner, group and link count of a host path, which .NET does not expose: Linux's <c>statx</c>
/// (glibc 2.28+), chosen over <c>lstat</c> because its result layout is the same on every
/// architecture. The link itself is examined, never its target. Null where statx is missing.
/// </summary>
internal static class HostFileStatus
{
    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int StatxSize = 256;
    private const uint OwnerFields = 0x1c;

    private static bool _unavailable;

    public static (long Uid, long Gid, long LinkCount)? Of(string path)
    {
        if (_unavailable)
        {
            return null;
        }

        var buffer = new byte[StatxSize];
        try
        {
            if (Statx(AtCurrentDirectory, [.. System.Text.Encoding.UTF8.GetBytes(path), 0], AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
            {
                return null;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return null;
        }

        // struct statx: stx_mask at 0, stx_nlink at 16, stx_uid at 20, stx_gid at 24 (linux/stat.h);
        // the mask says which fields the file system filled in (STATX_NLINK | STATX_UID | STATX_GID).
        if ((BinaryPrimitives.ReadUInt32LittleEndian(buffer) & OwnerFields) != OwnerFields)
        {
            return null;
        }

        return (BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(20)),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(24)),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(16)));
    }

    // DllImport with arrays only (pinned, no marshalling code to generate): the project allows no unsafe code.
    [DllImport("libc", EntryPoint = "statx")]
    private static extern int Statx(int directoryFd, byte[] path, int flags, uint mask, [Out] byte[] result);
}
