using System.Buffers.Binary;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Checksums;
using L = Snapsight.Disk.Images.Vhdx.VhdxLayout;

namespace Snapsight.Disk.Images.Vhdx;

/// <summary>
/// The current VHDX header: of the two copies, the valid one (signature "head", CRC-32C) with
/// the higher sequence number (VHDX spec 2.2). A non-empty log (non-zero LogGuid) would need
/// replaying before the metadata can be trusted; that is refused as "log replay".
/// </summary>
internal sealed record VhdxHeader(long Offset, ulong SequenceNumber)
{
    private const string Structure = "vhdx.header";

    public static async Task<VhdxHeader> ReadCurrentAsync(IBlockDevice container, CancellationToken cancellationToken)
    {
        var first = await ReadOneAsync(container, L.Header1Offset, cancellationToken).ConfigureAwait(false);
        var second = await ReadOneAsync(container, L.Header2Offset, cancellationToken).ConfigureAwait(false);
        var (bytes, offset) = (first, second) switch
        {
            (null, null) => throw new DiskFormatException(VhdxLayout.LayerName, Structure, L.Header1Offset,
                "neither header copy (at 64 KiB and 128 KiB) has the \"head\" signature and a valid CRC-32C"),
            (not null, null) => (first, L.Header1Offset),
            (null, not null) => (second, L.Header2Offset),
            _ => Sequence(first) >= Sequence(second) ? (first, L.Header1Offset) : (second, L.Header2Offset),
        };

        var version = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(L.HeaderVersion));
        if (version != 1)
        {
            throw new UnsupportedFeatureException(VhdxLayout.LayerName, Structure, offset + L.HeaderVersion, [$"version {version}"]);
        }

        if (bytes.AsSpan(L.HeaderLogGuid, 16).ContainsAnyExcept((byte)0))
        {
            throw new UnsupportedFeatureException(VhdxLayout.LayerName, Structure, offset + L.HeaderLogGuid, ["log replay"],
                "the log holds entries that were not applied; the metadata may be stale");
        }

        return new VhdxHeader(offset, Sequence(bytes));
    }

    private static ulong Sequence(byte[] header) => BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(L.HeaderSequenceNumber));

    private static async Task<byte[]?> ReadOneAsync(IBlockDevice container, long offset, CancellationToken cancellationToken)
    {
        var bytes = await container.ReadBytesAsync(offset, L.HeaderSize, VhdxLayout.LayerName, Structure, cancellationToken).ConfigureAwait(false);
        var valid = bytes.AsSpan().StartsWith(L.HeaderSignature)
            && Crc32C.ComputeWithZeroedField(bytes, L.HeaderChecksum) == BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(L.HeaderChecksum));
        return valid ? bytes : null;
    }
}
