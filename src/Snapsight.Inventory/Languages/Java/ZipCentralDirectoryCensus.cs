using System.Buffers.Binary;
using Snapsight.Disk;
using Snapsight.Inventory.Analyzers;

namespace Snapsight.Inventory.Languages.Java;

/// <summary>
/// Counts a zip archive's central directory entries and bytes before <see cref="System.IO.Compression.ZipArchive"/>
/// builds an object for each: ZipArchive trusts neither the end record's entry count nor its
/// directory size, and keeps reading headers for as long as their signature matches, so only a
/// walk of its own can bound what it will allocate. The walk follows the same chain (PKWARE
/// APPNOTE 6.3.10, sections 4.3.12, 4.3.14-4.3.16): from the end record (or its zip64 twin) to
/// the directory start, then header by header while the signature matches.
/// </summary>
internal static class ZipCentralDirectoryCensus
{
    private const uint EndRecordSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndRecordSignature = 0x06064b50;
    private const uint CentralHeaderSignature = 0x02014b50;
    private const int EndRecordLength = 22;
    private const int Zip64LocatorLength = 20;
    private const int Zip64EndRecordLength = 56;
    private const int CentralHeaderLength = 46;
    private const int MaxCommentLength = ushort.MaxValue;

    /// <summary>
    /// Throws <see cref="InventoryLimitException"/> when the directory holds more entries or bytes
    /// than allowed, and <see cref="DiskFormatException"/> when the stream has no end record.
    /// A directory that ends early is left to ZipArchive, which reports it.
    /// </summary>
    public static async Task CheckAsync(Stream archive, JavaArchiveLimits limits, CancellationToken cancellationToken)
    {
        var start = await FindDirectoryStartAsync(archive, cancellationToken).ConfigureAwait(false);
        var header = new byte[CentralHeaderLength];
        long position = start, bytes = 0;
        for (var entries = 0; position >= 0 && position <= archive.Length - CentralHeaderLength; entries++)
        {
            if (!await ReadAtAsync(archive, position, header, cancellationToken).ConfigureAwait(false)
                || BinaryPrimitives.ReadUInt32LittleEndian(header) != CentralHeaderSignature)
            {
                return;
            }

            if (entries == limits.MaxEntries)
            {
                throw new InventoryLimitException($"the archive holds more than {limits.MaxEntries} entries: not read");
            }

            // Name, extra field and comment lengths (APPNOTE 4.3.12); each header moves the walk forward by at least 46 bytes.
            long length = CentralHeaderLength
                + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28))
                + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30))
                + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(32));
            bytes += length;
            if (bytes > limits.MaxCentralDirectoryBytes)
            {
                throw new InventoryLimitException($"the archive's central directory is over {limits.MaxCentralDirectoryBytes} bytes: not read");
            }

            position += length;
        }
    }

    private static async Task<long> FindDirectoryStartAsync(Stream archive, CancellationToken cancellationToken)
    {
        if (archive.Length < EndRecordLength)
        {
            throw NotAZip(archive.Length, "shorter than an end-of-central-directory record");
        }

        var tailLength = (int)Math.Min(archive.Length, EndRecordLength + MaxCommentLength + Zip64LocatorLength);
        var tail = new byte[tailLength];
        var tailStart = archive.Length - tailLength;
        await ReadAtAsync(archive, tailStart, tail, cancellationToken).ConfigureAwait(false);
        for (var at = tailLength - EndRecordLength; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at)) != EndRecordSignature)
            {
                continue;
            }

            var record = tail.AsSpan(at, EndRecordLength);
            long directoryStart = BinaryPrimitives.ReadUInt32LittleEndian(record[16..]);
            var zip64 = directoryStart == uint.MaxValue || BinaryPrimitives.ReadUInt16LittleEndian(record[10..]) == ushort.MaxValue;
            if (zip64 && at >= Zip64LocatorLength
                && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at - Zip64LocatorLength)) == Zip64LocatorSignature)
            {
                var zip64EndOffset = BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(at - Zip64LocatorLength + 8));
                directoryStart = await ReadZip64DirectoryStartAsync(archive, zip64EndOffset, cancellationToken).ConfigureAwait(false) ?? directoryStart;
            }

            return directoryStart;
        }

        throw NotAZip(archive.Length, "no end-of-central-directory record in its last 64 KiB");
    }

    private static async Task<long?> ReadZip64DirectoryStartAsync(Stream archive, long offset, CancellationToken cancellationToken)
    {
        var record = new byte[Zip64EndRecordLength];
        if (offset < 0 || offset > archive.Length - Zip64EndRecordLength
            || !await ReadAtAsync(archive, offset, record, cancellationToken).ConfigureAwait(false)
            || BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndRecordSignature)
        {
            return null;
        }

        return BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(48));
    }

    private static async Task<bool> ReadAtAsync(Stream archive, long position, byte[] buffer, CancellationToken cancellationToken)
    {
        archive.Position = position;
        return await archive.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) == buffer.Length;
    }

    private static DiskFormatException NotAZip(long length, string problem) =>
        new("java", "zip end-of-central-directory record", length, $"not a zip archive: {problem}");
}
