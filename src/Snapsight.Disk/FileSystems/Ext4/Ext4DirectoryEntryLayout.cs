namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// struct ext4_dir_entry_2 (Documentation/filesystems/ext4/directory.rst). Without the filetype
/// feature, name_len is 16 bits wide (struct ext4_dir_entry) and there is no type byte.
/// </summary>
internal static class Ext4DirectoryEntryLayout
{
    public const int Inode = 0x00;      // inode
    public const int RecLen = 0x04;     // rec_len
    public const int NameLen = 0x06;    // name_len
    public const int FileType = 0x07;   // file_type (filetype feature)
    public const int Name = 0x08;       // name[EXT4_NAME_LEN]

    public const int HeaderSize = 8;
    public const int MaxNameLength = 255;

    /// <summary>Maps the dirent file_type codes 1–7 (EXT4_FT_*); 0 and others are unknown.</summary>
    public static FileType ToFileType(byte code) => code switch
    {
        1 => FileSystems.FileType.File,
        2 => FileSystems.FileType.Directory,
        3 => FileSystems.FileType.CharDevice,
        4 => FileSystems.FileType.BlockDevice,
        5 => FileSystems.FileType.Fifo,
        6 => FileSystems.FileType.Socket,
        7 => FileSystems.FileType.Symlink,
        _ => FileSystems.FileType.Unknown,
    };
}
