namespace Snapsight.Disk.FileSystems;

/// <summary>The kinds of file a POSIX file system records (the <c>S_IFMT</c> bits).</summary>
public enum FileType
{
    Unknown = 0,
    File,
    Directory,
    Symlink,
    CharDevice,
    BlockDevice,
    Fifo,
    Socket,
}

public static class FileTypes
{
    /// <summary>Maps the <c>S_IFMT</c> part of a POSIX mode (shared by ext4 and XFS inodes).</summary>
    public static FileType FromMode(int mode) => (mode & 0xF000) switch
    {
        0x8000 => FileType.File,
        0x4000 => FileType.Directory,
        0xA000 => FileType.Symlink,
        0x2000 => FileType.CharDevice,
        0x6000 => FileType.BlockDevice,
        0x1000 => FileType.Fifo,
        0xC000 => FileType.Socket,
        _ => FileType.Unknown,
    };

    /// <summary>The word used by <c>ls --json</c>.</summary>
    public static string ToContractName(this FileType type) => type switch
    {
        FileType.File => "file",
        FileType.Directory => "dir",
        FileType.Symlink => "symlink",
        FileType.CharDevice => "char",
        FileType.BlockDevice => "block",
        FileType.Fifo => "fifo",
        FileType.Socket => "socket",
        _ => "unknown",
    };
}
