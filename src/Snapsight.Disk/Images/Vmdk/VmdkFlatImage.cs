using System.Text;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.Images.Vmdk;

/// <summary>
/// A monolithicFlat VMDK: a text descriptor naming one FLAT extent file that holds the raw disk
/// (Virtual Disk Format 5.0, "Extent Descriptions"). The extent must be a plain file name in the
/// descriptor's own directory: a descriptor could otherwise make us read any file on the host.
/// </summary>
internal static class VmdkFlatImage
{
    private const string Layer = "vmdk";
    private const string Structure = "vmdk.descriptor";
    private const int SectorSize = 512;

    /// <summary>Opens the extent named by <paramref name="descriptorFile"/>; the caller owns the returned extent file.</summary>
    public static async Task<(FileBlockDevice Extent, IBlockDevice Device)> OpenAsync(
        string descriptorPath, IBlockDevice descriptorFile, CancellationToken cancellationToken)
    {
        if (descriptorFile.Length > VmdkSparseHeaderLayout.MaxDescriptorBytes)
        {
            throw new DiskFormatException(Layer, Structure, 0,
                $"a {descriptorFile.Length}-byte descriptor exceeds the {VmdkSparseHeaderLayout.MaxDescriptorBytes}-byte limit");
        }

        var bytes = await descriptorFile.ReadBytesAsync(0, (int)descriptorFile.Length, Layer, Structure, cancellationToken).ConfigureAwait(false);
        var descriptor = VmdkDescriptor.Parse(Encoding.UTF8.GetString(bytes), Layer, 0);
        descriptor.RefuseParent(Layer, 0);

        if (!string.Equals(descriptor.CreateType, "monolithicFlat", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedFeatureException(Layer, Structure, 0, [$"createType {descriptor.CreateType ?? "(missing)"}"]);
        }

        if (descriptor.Extents is not [{ Type: "FLAT" } extent])
        {
            throw new UnsupportedFeatureException(Layer, Structure, 0,
                [$"{descriptor.Extents.Count} extents of types {string.Join(", ", descriptor.Extents.Select(e => e.Type))}; only one FLAT extent is read"]);
        }

        var extentPath = ResolveExtentPath(descriptorPath, extent.FileName);
        if (extent.Sectors <= 0 || extent.Sectors > long.MaxValue / SectorSize / 2 || extent.StartSector > long.MaxValue / SectorSize / 2)
        {
            throw new DiskFormatException(Layer, Structure, 0, $"extent of {extent.Sectors} sectors from sector {extent.StartSector} is out of range");
        }

        FileBlockDevice file;
        try
        {
            file = FileBlockDevice.Open(extentPath);
        }
        catch (FileNotFoundException)
        {
            throw new DiskFormatException(Layer, Structure, 0, $"the extent file \"{extent.FileName}\" does not exist next to the descriptor");
        }

        var start = extent.StartSector * SectorSize;
        var length = extent.Sectors * SectorSize;
        if (start + length > file.Length)
        {
            file.Dispose();
            throw new DiskFormatException(Layer, Structure, 0,
                $"the extent needs {start + length} bytes but \"{extent.FileName}\" holds {file.Length}");
        }

        return (file, new SliceBlockDevice(file, start, length));
    }

    /// <summary>Only a plain file name in the descriptor's directory: no absolute paths, no separators, no "..".</summary>
    private static string ResolveExtentPath(string descriptorPath, string fileName)
    {
        if (fileName.Length == 0 || fileName is "." or ".." || Path.IsPathRooted(fileName)
            || fileName.IndexOfAny(['/', '\\', '\0']) >= 0)
        {
            throw new DiskFormatException(Layer, Structure, 0,
                $"extent file name \"{fileName}\" is not a plain file name in the descriptor's directory (absolute paths and \"..\" are refused)");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(descriptorPath)) ?? ".";
        return Path.Combine(directory, fileName);
    }
}
