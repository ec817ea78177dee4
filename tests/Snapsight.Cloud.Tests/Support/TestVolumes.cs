using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cloud.Tests.Support;

/// <summary>
/// Small volume images built once per test run with the real tools: a sparse raw disk with three
/// data extents, and a qcow2 (by qemu-img) holding an ext4 file system (by mkfs.ext4 -d).
/// </summary>
public static class TestVolumes
{
    public const long Size = 4 << 20;
    private static readonly Lazy<(string Raw, string Qcow2)> Built = new(Build);
    private static readonly TempDirectory Directory = new();

    /// <summary>4 MiB, data only in 64 KiB at 0, 1 MiB and 3 MiB; holes elsewhere.</summary>
    public static string Raw => Built.Value.Raw;

    /// <summary>4 MiB virtual, an ext4 file system with a few files.</summary>
    public static string Qcow2 => Built.Value.Qcow2;

    /// <summary>The offsets of <see cref="Raw"/>'s data extents, each 64 KiB long.</summary>
    public static IReadOnlyList<long> RawDataOffsets { get; } = [0, 1 << 20, 3 << 20];

    public const int RawExtentLength = 64 << 10;

    private static (string, string) Build()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Dispose();
        var raw = Directory.File("sparse.raw");
        using (var file = File.Create(raw))
        {
            file.SetLength(Size);
            var random = new Random(7);
            foreach (var offset in RawDataOffsets)
            {
                var data = new byte[RawExtentLength];
                random.NextBytes(data);
                file.Position = offset;
                file.Write(data);
            }
        }

        var tree = System.IO.Directory.CreateDirectory(Directory.File("tree")).FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(tree, "etc"));
        File.WriteAllText(Path.Combine(tree, "etc", "os-release"), "ID=debian\nVERSION_ID=\"12\"\n");
        File.WriteAllText(Path.Combine(tree, "etc", "hostname"), "contract\n");
        var ext4 = Directory.File("root.ext4");
        Tool.Run("mkfs.ext4", "-q", "-F", "-d", tree, "-L", "root", ext4, "4M");
        var qcow2 = Directory.File("root.qcow2");
        Tool.Run("qemu-img", "convert", "-f", "raw", "-O", "qcow2", ext4, qcow2);
        return (raw, qcow2);
    }
}
