using System.Buffers.Binary;
using System.Diagnostics;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Ntfs;

/// <summary>
/// An NTFS image made by the real tools: mkntfs formats it, the ntfs-3g FUSE driver populates
/// it (directories, files, names that differ only in case, a directory large enough for
/// $INDEX_ALLOCATION), and it is unmounted before anything reads it. The few boot sector and
/// record fields hostile tests poke are read here straight from the on-disk layout
/// (ntfs-3g's layout.h), independently of the production reader.
/// </summary>
public sealed class NtfsTestImage
{
    private readonly Lazy<byte[]> _bytes;

    private NtfsTestImage(string path)
    {
        Path = path;
        _bytes = new Lazy<byte[]>(() => File.ReadAllBytes(path));
    }

    public string Path { get; }

    /// <summary>A fresh in-memory copy of an image built before, for one test to damage.</summary>
    public static NtfsTestImage Open(string path) => new(path);

    /// <summary>The image in memory, loaded on first use, for tests that damage it (small images only).</summary>
    public byte[] Bytes => _bytes.Value;

    /// <summary>The names of the 2,000-entry directory (deep enough for a two-level index B-tree).</summary>
    public static IEnumerable<string> ManyNames(int count) => Enumerable.Range(0, count).Select(i => $"file-{i:D5}-{(i * 7919) % 1000:D3}.dll");

    /// <summary>Formats <paramref name="sizeMiB"/> MiB with mkntfs, mounts it with ntfs-3g, lets <paramref name="populate"/> write through the mount, unmounts.</summary>
    public static NtfsTestImage Build(TempDirectory temp, int sizeMiB, int clusterSize, int sectorSize, Action<string> populate)
    {
        var image = temp.File($"ntfs-{clusterSize}-{sectorSize}-{Guid.NewGuid():N}.img");
        using (var stream = File.Create(image))
        {
            stream.SetLength(sizeMiB * 1024L * 1024);
        }

        Tool.Run("mkntfs", "-q", "-F", "-f", "-c", clusterSize.ToString(), "-s", sectorSize.ToString(), "-L", "SNAPTEST", image);
        using (var mount = Mount(temp, image, "ntfs-3g", "rw"))
        {
            populate(mount.Path);
        }

        return new NtfsTestImage(image);
    }

    /// <summary>The tree the oracle tests and the CLI tests use: a Windows system directory, case twins, Unicode names, and a big directory.</summary>
    public static void PopulateWindowsTree(string root, int bigDirectoryEntries)
    {
        var system32 = Directory.CreateDirectory(System.IO.Path.Combine(root, "Windows", "System32")).FullName;
        Directory.CreateDirectory(System.IO.Path.Combine(system32, "config"));
        File.WriteAllText(System.IO.Path.Combine(system32, "config", "SOFTWARE"), "regf");
        File.WriteAllText(System.IO.Path.Combine(system32, "kernel32.dll"), "MZ");
        File.WriteAllText(System.IO.Path.Combine(system32, "ntdll.dll"), "MZ");
        var windows = System.IO.Path.Combine(root, "Windows");
        File.WriteAllText(System.IO.Path.Combine(windows, "Foo"), "upper");
        File.WriteAllText(System.IO.Path.Combine(windows, "foo"), "lower");
        File.WriteAllText(System.IO.Path.Combine(windows, "Ünïcödé-日本語-ß.txt"), "utf");
        Directory.CreateDirectory(System.IO.Path.Combine(root, "Program Files", "Common Files"));
        // Give it an 8.3 alias as Windows would: ntfs-3g then stores a Win32 name and a separate DOS name.
        Tool.Run("python3", "-c", "import os, sys; os.setxattr(sys.argv[1], 'system.ntfs_dos_name', b'PROGRA~1')", System.IO.Path.Combine(root, "Program Files"));
        var big = Directory.CreateDirectory(System.IO.Path.Combine(windows, "WinSxS")).FullName;
        foreach (var name in ManyNames(bigDirectoryEntries))
        {
            File.WriteAllBytes(System.IO.Path.Combine(big, name), []);
        }

        // Two names differing only in case inside the big directory too, where they may fall into different index blocks.
        File.WriteAllBytes(System.IO.Path.Combine(big, "FILE-00050-950.DLL"), []);
    }

    /// <summary>
    /// Mounts <paramref name="image"/> with <paramref name="driver"/> (ntfs-3g or lowntfs-3g) kept in
    /// the foreground, so that disposing can unmount and then wait for the driver to finish writing.
    /// </summary>
    public static MountedImage Mount(TempDirectory temp, string image, string driver, string options)
    {
        var mountPoint = Directory.CreateDirectory(temp.File($"mnt-{Guid.NewGuid():N}")).FullName;
        var start = new ProcessStartInfo(driver) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-o", $"{options},no_detach", image, mountPoint })
        {
            start.ArgumentList.Add(argument);
        }

        var driverProcess = Process.Start(start) ?? throw new InvalidOperationException($"could not start {driver}");
        var mounted = new MountedImage(mountPoint, driverProcess);
        var clock = Stopwatch.StartNew();
        while (!File.ReadAllText("/proc/mounts").Contains($" {mountPoint} ", StringComparison.Ordinal))
        {
            if (driverProcess.HasExited || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                mounted.Dispose();
                throw new InvalidOperationException($"{driver} did not mount {image}: {driverProcess.StandardError.ReadToEnd()}");
            }

            Thread.Sleep(20);
        }

        return mounted;
    }

    /// <summary>The (possibly damaged) bytes in memory.</summary>
    public MemoryBlockDevice Device() => new(Bytes);

    /// <summary>The image file as the tools left it, read from disk (for large sparse images).</summary>
    public FileBlockDevice FileDevice() => FileBlockDevice.Open(Path);

    public int BytesPerSector => BinaryPrimitives.ReadUInt16LittleEndian(Bytes.AsSpan(0x0B));

    public int ClusterSize => Bytes[0x0D] <= 0x80 ? Bytes[0x0D] * BytesPerSector : BytesPerSector << (256 - Bytes[0x0D]);

    public long MftOffset => BinaryPrimitives.ReadInt64LittleEndian(Bytes.AsSpan(0x30)) * ClusterSize;

    public int MftRecordSize => (sbyte)Bytes[0x40] > 0 ? (sbyte)Bytes[0x40] * ClusterSize : 1 << -(sbyte)Bytes[0x40];

    /// <summary>The device offset of MFT record <paramref name="number"/>; valid for the first records, which mkntfs places contiguously.</summary>
    public long RecordOffset(long number) => MftOffset + (number * MftRecordSize);

    /// <summary>The offset of the first attribute of <paramref name="type"/> in the record at <paramref name="recordOffset"/> (fixups do not touch the headers we read here).</summary>
    public int AttributeOffset(long recordOffset, uint type)
    {
        var at = BinaryPrimitives.ReadUInt16LittleEndian(Bytes.AsSpan((int)recordOffset + 0x14));
        while (BinaryPrimitives.ReadUInt32LittleEndian(Bytes.AsSpan((int)recordOffset + at)) is var found && found != 0xFFFFFFFF)
        {
            if (found == type)
            {
                return at;
            }

            at += (ushort)BinaryPrimitives.ReadUInt32LittleEndian(Bytes.AsSpan((int)recordOffset + at + 4));
        }

        throw new InvalidOperationException($"no attribute 0x{type:X} in the record at {recordOffset}");
    }

    /// <summary>Offsets of every INDX block in the image (by signature, at index-block alignment).</summary>
    public IReadOnlyList<long> IndexBlocks()
    {
        var found = new List<long>();
        for (long at = 0; at + 4 <= Bytes.Length; at += 512)
        {
            if (Bytes.AsSpan((int)at, 4).SequenceEqual("INDX"u8))
            {
                found.Add(at);
            }
        }

        return found;
    }

    public void Write16(long offset, int value) => BinaryPrimitives.WriteUInt16LittleEndian(Bytes.AsSpan((int)offset), (ushort)value);

    public void Write32(long offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Bytes.AsSpan((int)offset), value);

    public void Write64(long offset, long value) => BinaryPrimitives.WriteInt64LittleEndian(Bytes.AsSpan((int)offset), value);

    /// <summary>A FUSE mount; disposing unmounts it and waits for its driver, so a failing test never leaves one behind.</summary>
    public sealed class MountedImage(string path, Process driver) : IDisposable
    {
        public string Path { get; } = path;

        public void Dispose()
        {
            try
            {
                if (!driver.HasExited)
                {
                    Tool.Run("umount", Path);
                    if (!driver.WaitForExit(TimeSpan.FromSeconds(60)))
                    {
                        driver.Kill();
                    }
                }
            }
            finally
            {
                driver.Dispose();
            }
        }
    }
}
