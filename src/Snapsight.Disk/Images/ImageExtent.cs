namespace Snapsight.Disk.Images;

internal enum ImageExtentKind
{
    /// <summary>Unallocated or explicitly zero: served as zeros without touching the container.</summary>
    Zero,

    /// <summary>Stored as is at <see cref="ImageExtent.ContainerOffset"/> in the container.</summary>
    Data,

    /// <summary>Part of a compressed unit (cluster or grain) that is inflated whole, then cached.</summary>
    Compressed,
}

/// <summary>
/// Where a run of virtual bytes, starting at the offset that was mapped, comes from. Sparse
/// formats map one unit (cluster, grain, block) at a time; the run never crosses a unit.
/// </summary>
internal readonly record struct ImageExtent(
    ImageExtentKind Kind, long Length, long ContainerOffset, long UnitStart, int UnitLength, int CompressedLength)
{
    public static ImageExtent Zero(long length) => new(ImageExtentKind.Zero, length, 0, 0, 0, 0);

    public static ImageExtent Data(long containerOffset, long length) => new(ImageExtentKind.Data, length, containerOffset, 0, 0, 0);

    /// <param name="containerOffset">Where the compressed bytes (or, for VMDK, the grain marker) start.</param>
    /// <param name="compressedLength">Compressed bytes, when the mapping knows them (qcow2); 0 otherwise.</param>
    /// <param name="unitStart">Virtual offset of the start of the unit, the cache key of its inflated bytes.</param>
    public static ImageExtent Compressed(long length, long containerOffset, int compressedLength, long unitStart, int unitLength) =>
        new(ImageExtentKind.Compressed, length, containerOffset, unitStart, unitLength, compressedLength);
}
