using System.Security.Cryptography;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>
/// A source tree built with real tools (coreutils, mknod, python3) and what <c>find -printf</c>
/// and <c>stat</c> say about it: the oracle our ext4 walk is compared with.
/// </summary>
public sealed record SourceEntry(string Path, char Type, int Permissions, long Uid, long Gid, long Size, string Target, long SourceInode, long ModifiedSeconds);

public static class Ext4SourceTree
{
    /// <summary>Every kind of file the reader must handle; see the brief's oracle list.</summary>
    public const string FullTreeScript = """
        set -e
        mkdir -p nested/a/b/c/d "with space" "ünïcødé dir" big sticky
        printf x > one_byte
        head -c 4095 /dev/urandom > f4095
        head -c 4097 /dev/urandom > f4097
        head -c 1048576 /dev/urandom > f1m
        head -c 3000000 /dev/urandom > nested/a/f3m
        : > empty
        : > "with space/empty file"
        echo "héllo wörld" > "ünïcødé dir/ファイル.txt"
        # 3000 names make an htree directory; most files are empty so that 64 KiB blocks still fit.
        for i in $(seq 1 3000); do if [ $((i % 100)) -eq 0 ]; then echo "entry $i" > "big/file_with_a_longish_name_$i"; else : > "big/file_with_a_longish_name_$i"; fi; done
        # Sparse: 80 MiB with a few written spots; at 1 KiB blocks 75 MiB needs the triple indirect tree.
        # It ends in data because mke2fs 1.47 -d with inline_data drops a trailing hole from i_size.
        truncate -s 80M sparse
        for off in 0 1048576 41943040 78643200 83886070; do printf 'DATA@%s' $off | dd of=sparse bs=1 seek=$off conv=notrunc status=none; done
        ln f4097 hardlink_to_f4097
        ln f4097 nested/a/b/second_hardlink
        ln -s one_byte fast_symlink
        ln -s "nested/a/b/c/d/this/target/is/deliberately/longer/than/sixty/characters/so/it/is/slow" slow_symlink
        ln -s nested/a dir_symlink
        printf 'setuid' > setuid; chmod 4755 setuid
        printf 'setgid' > setgid; chmod 2711 setgid
        chmod 1777 sticky
        printf 'u1000' > owned_1000; chown 1000:1000 owned_1000
        printf 'u70000' > owned_70000; chown 70000:70001 owned_70000
        chmod 0640 f4095
        mkfifo fifo
        mknod char_device c 1 7
        mknod block_device b 8 1
        mknod big_char_device c 300 70000
        python3 -c "import socket; socket.socket(socket.AF_UNIX).bind('socket')"
        """;

    /// <summary>Runs <paramref name="script"/> with bash inside <paramref name="directory"/>.</summary>
    public static void Build(string directory, string script)
    {
        Directory.CreateDirectory(directory);
        Tool.Run("bash", "-c", "cd \"$1\" && " + script, "build-tree", directory);
    }

    /// <summary>What find(1) and stat(1) report for every path under <paramref name="root"/>, keyed by relative path.</summary>
    public static Dictionary<string, SourceEntry> Describe(string root)
    {
        var output = Tool.Run("find", root, "-mindepth", "1", "-printf", "%P\\0%y\\0%m\\0%U\\0%G\\0%s\\0%l\\0%i\\0%Ts\\0");
        var fields = output.Split('\0');
        var entries = new Dictionary<string, SourceEntry>(StringComparer.Ordinal);
        for (var i = 0; i + 9 <= fields.Length; i += 9)
        {
            var entry = new SourceEntry(fields[i], fields[i + 1][0], Convert.ToInt32(fields[i + 2], 8), long.Parse(fields[i + 3]),
                long.Parse(fields[i + 4]), long.Parse(fields[i + 5]), fields[i + 6], long.Parse(fields[i + 7]), long.Parse(fields[i + 8]));
            entries.Add(entry.Path, entry);
        }

        return entries;
    }

    /// <summary>stat(1)'s major and minor device numbers of a device node.</summary>
    public static (uint Major, uint Minor) DeviceNumbers(string path)
    {
        var parts = Tool.Run("stat", "--printf", "%t %T", path).Split(' ');
        return (Convert.ToUInt32(parts[0], 16), Convert.ToUInt32(parts[1], 16));
    }

    public static string Sha256OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
