using CsCheck;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Images;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.Images;

/// <summary>
/// Random damage to real images, concentrated on where metadata lives (the start and the end of
/// the file): whatever the damage, opening and reading ends normally or in a DiskFormatException,
/// within the time and memory bar.
/// </summary>
public sealed class CorruptedImageTests
{
    [Theory]
    [InlineData("-O qcow2")]
    [InlineData("-O qcow2 -c -o cluster_size=4096")]
    [InlineData("-O vmdk -o subformat=monolithicSparse")]
    [InlineData("-O vmdk -o subformat=streamOptimized")]
    [InlineData("-O vpc -o subformat=dynamic,force_size=on")]
    [InlineData("-O vhdx")]
    public void Randomly_damaged_images_fail_only_with_format_errors(string qemuImgOptions)
    {
        using var dir = new TempDirectory();
        var image = File.ReadAllBytes(HostileImages.Make(dir, qemuImgOptions.Split(' ')));
        var damage = Gen.Select(Gen.Int[0, 1], Gen.Int[0, 70_000], Gen.Byte, Gen.Int[0, 63]).Array[1, 8];

        damage.Sample(patches =>
        {
            var bytes = (byte[])image.Clone();
            foreach (var (fromEnd, distance, value, bitField) in patches)
            {
                var at = fromEnd == 1 ? bytes.Length - 1 - distance % Math.Min(bytes.Length, 4096) : distance % bytes.Length;
                // Half the patches set a whole byte, half flip one bit (which keeps most of a field plausible).
                bytes[at] = bitField < 32 ? value : (byte)(bytes[at] ^ (1 << (bitField % 8)));
            }

            HostileInput.Run(async ct =>
            {
                using var container = new MemoryBlockDevice(bytes);
                using var opened = await DiskImage.OpenAsync(container, ct);
                var buffer = new byte[64 * 1024];
                for (long at = 0; at < opened.Device.Length; at += 256 * 1024)
                {
                    await opened.Device.ReadAsync(at, buffer, ct);
                }
            });
        }, iter: 150);
    }
}
