using System.Buffers.Binary;
using System.Text;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Fat;

/// <summary>
/// A FAT image made by the real tools (mkfs.vfat, mmd, mcopy), loaded into memory so hostile
/// tests can damage it. The few BPB fields the tests poke are read here straight from the
/// Microsoft FAT specification's offsets, independently of the production reader.
/// </summary>
public sealed class FatTestImage
{
    private FatTestImage(string path, byte[] bytes)
    {
        Path = path;
        Bytes = bytes;
    }

    public string Path { get; }

    public byte[] Bytes { get; }

    /// <summary>
    /// Builds an image of <paramref name="sizeMiB"/> MiB with mkfs.vfat, copies <paramref name="files"/>
    /// (relative path → content; directories are made with mmd) into it with mcopy.
    /// </summary>
    public static FatTestImage Build(TempDirectory temp, int fatBits, int sizeMiB, IReadOnlyDictionary<string, byte[]> files,
        string label = "SNAPTEST", string serial = "1234ABCD", int sectorsPerCluster = 0, int sectorSize = 512)
    {
        var image = temp.File($"fat{fatBits}-{Guid.NewGuid():N}.img");
        using (var stream = File.Create(image))
        {
            stream.SetLength(sizeMiB * 1024L * 1024);
        }

        var mkfs = new List<string> { "-F", fatBits.ToString(), "-n", label, "-i", serial, "-S", sectorSize.ToString() };
        if (sectorsPerCluster > 0)
        {
            mkfs.AddRange(["-s", sectorsPerCluster.ToString()]);
        }

        Tool.Run("mkfs.vfat", [.. mkfs, image], null, null);
        var source = Directory.CreateDirectory(temp.File($"src-{Guid.NewGuid():N}")).FullName;
        var made = new HashSet<string>();
        foreach (var (relative, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var parts = relative.Split('/');
            for (var i = 1; i < parts.Length; i++)
            {
                var directory = string.Join('/', parts[..i]);
                if (made.Add(directory))
                {
                    Tool.Run("mmd", "-i", image, $"::/{directory}");
                }
            }

            var local = System.IO.Path.Combine(source, Guid.NewGuid().ToString("N"));
            File.WriteAllBytes(local, content);
            Tool.Run("mcopy", "-i", image, local, $"::/{relative}");
        }

        return new FatTestImage(image, File.ReadAllBytes(image));
    }

    public MemoryBlockDevice Device() => new(Bytes);

    public int BytesPerSector => BinaryPrimitives.ReadUInt16LittleEndian(Bytes.AsSpan(11));

    public int SectorsPerCluster => Bytes[13];

    public int ClusterSize => BytesPerSector * SectorsPerCluster;

    public long FatOffset => BinaryPrimitives.ReadUInt16LittleEndian(Bytes.AsSpan(14)) * (long)BytesPerSector;

    public int FatCount => Bytes[16];

    public long FatBytes => (BinaryPrimitives.ReadUInt16LittleEndian(Bytes.AsSpan(22)) is var small and > 0
        ? small : BinaryPrimitives.ReadUInt32LittleEndian(Bytes.AsSpan(36))) * (long)BytesPerSector;

    public long RootDirectoryOffset => FatOffset + (FatCount * FatBytes);

    public int RootEntries => BinaryPrimitives.ReadUInt16LittleEndian(Bytes.AsSpan(17));

    public long DataOffset => RootDirectoryOffset + (((RootEntries * 32) + BytesPerSector - 1) / BytesPerSector * BytesPerSector);

    public long ClusterOffset(int cluster) => DataOffset + ((long)(cluster - 2) * ClusterSize);

    /// <summary>The offset of the short entry named <paramref name="name83"/> ("NAME    EXT") in the fixed FAT12/16 root.</summary>
    public long RootEntry(string name83) => FindEntry(RootDirectoryOffset, RootEntries, name83);

    /// <summary>The offset of the short entry named <paramref name="name83"/> among the first <paramref name="slots"/> slots at <paramref name="start"/>.</summary>
    public long FindEntry(long start, int slots, string name83)
    {
        var wanted = Encoding.ASCII.GetBytes(name83);
        for (var i = 0; i < slots; i++)
        {
            var at = start + (i * 32L);
            if (Bytes.AsSpan((int)at, 11).SequenceEqual(wanted) && Bytes[at + 11] != 0x0F)
            {
                return at;
            }
        }

        throw new InvalidOperationException($"no entry {name83}");
    }

    public int FirstCluster(long entry) => BinaryPrimitives.ReadUInt16LittleEndian(Bytes.AsSpan((int)entry + 26));

    public void SetFirstCluster(long entry, int cluster) => BinaryPrimitives.WriteUInt16LittleEndian(Bytes.AsSpan((int)entry + 26), (ushort)cluster);

    /// <summary>Sets one FAT16 entry in every FAT copy.</summary>
    public void SetFat16(int cluster, int value)
    {
        for (var copy = 0; copy < FatCount; copy++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(Bytes.AsSpan((int)(FatOffset + (copy * FatBytes) + (cluster * 2))), (ushort)value);
        }
    }

    public void Write16(long offset, int value) => BinaryPrimitives.WriteUInt16LittleEndian(Bytes.AsSpan((int)offset), (ushort)value);

    public void Write32(long offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Bytes.AsSpan((int)offset), value);
}
