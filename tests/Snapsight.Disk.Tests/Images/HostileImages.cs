using System.Buffers.Binary;
using Snapsight.Disk.Images;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.Images;

/// <summary>Builds real images with qemu-img and damages chosen fields, for the hostile corpus.</summary>
internal static class HostileImages
{
    public const int Size = 1024 * 1024 + 512;

    /// <summary>A real image of <paramref name="options"/> made from a small random disk.</summary>
    public static string Make(TempDirectory dir, params string[] options)
    {
        var raw = dir.File("source.raw");
        TestImages.WriteRaw(raw, Size, seed: 5);
        var image = dir.File("disk.img");
        TestImages.Convert(raw, image, options);
        return image;
    }

    /// <summary>
    /// qemu-img 7.2 writes streamOptimized with the grain directory offset in the header; VMware
    /// writes GD_AT_END there and ends the stream with a footer marker, the footer (a header copy
    /// with the real offset) and an end-of-stream marker. This rewrites a qemu image into that form.
    /// </summary>
    public static void MoveGrainDirectoryToFooter(string image)
    {
        var length = new FileInfo(image).Length + 1536;
        using (var file = File.OpenWrite(image))
        {
            file.SetLength(length);
        }

        Write(image, length - 1024, Read(image, 0, 512));
        WriteU64LittleEndian(image, 56, ulong.MaxValue); // header.gdOffset = GD_AT_END
    }

    public static byte[] Read(string path, long offset, int length)
    {
        using var file = File.OpenRead(path);
        var bytes = new byte[length];
        file.Position = offset;
        file.ReadExactly(bytes);
        return bytes;
    }

    public static void Write(string path, long offset, ReadOnlySpan<byte> bytes)
    {
        using var file = File.OpenWrite(path);
        file.Position = offset;
        file.Write(bytes);
    }

    public static ulong ReadU64BigEndian(string path, long offset) => BinaryPrimitives.ReadUInt64BigEndian(Read(path, offset, 8));

    public static ulong ReadU64LittleEndian(string path, long offset) => BinaryPrimitives.ReadUInt64LittleEndian(Read(path, offset, 8));

    public static uint ReadU32LittleEndian(string path, long offset) => BinaryPrimitives.ReadUInt32LittleEndian(Read(path, offset, 4));

    public static void WriteU32BigEndian(string path, long offset, uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        Write(path, offset, bytes);
    }

    public static void WriteU64BigEndian(string path, long offset, ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        Write(path, offset, bytes);
    }

    public static void WriteU32LittleEndian(string path, long offset, uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        Write(path, offset, bytes);
    }

    public static void WriteU64LittleEndian(string path, long offset, ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        Write(path, offset, bytes);
    }

    /// <summary>Opens the image and reads its start, its end and scattered windows: what a scan would touch.</summary>
    public static async Task OpenAndReadAsync(string path, CancellationToken cancellationToken)
    {
        using var opened = await DiskImage.OpenAsync(path, cancellationToken);
        var device = opened.Device;
        var buffer = new byte[64 * 1024];
        for (long at = 0; at < Math.Min(device.Length, 4L * 1024 * 1024); at += buffer.Length)
        {
            await device.ReadAsync(at, buffer, cancellationToken);
        }

        for (var i = 0; i <= 16; i++)
        {
            await device.ReadAsync(device.Length / 16 * i, buffer.AsMemory(0, 4096), cancellationToken);
        }

        await device.ReadAsync(Math.Max(0, device.Length - buffer.Length), buffer, cancellationToken);
    }
}
