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
    /// Returns where the archive begins in the stream: 0, or the length of bytes prepended to it
    /// that its offsets do not count (a launcher script before a "fully executable" jar, which
    /// java.util.zip and unzip accept). Throws <see cref="InventoryLimitException"/> when the
    /// directory holds more entries or bytes than allowed, and <see cref="DiskFormatException"/>
    /// when the stream has no end record. A directory that ends early is left to ZipArchive,
    /// which reports it.
    /// </summary>
    public static async Task<long> CheckAsync(Stream archive, JavaArchiveLimits limits, CancellationToken cancellationToken)
    {
        var (archiveStart, directoryStart) = await FindDirectoryAsync(archive, cancellationToken).ConfigureAwait(false);
        var header = new byte[CentralHeaderLength];
        long position = archiveStart + directoryStart, bytes = 0;
        for (var entries = 0; position >= 0 && position <= archive.Length - CentralHeaderLength; entries++)
        {
            if (!await ReadAtAsync(archive, position, header, cancellationToken).ConfigureAwait(false)
                || BinaryPrimitives.ReadUInt32LittleEndian(header) != CentralHeaderSignature)
            {
                break;
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

        return archiveStart;
    }

    /// <summary>
    /// Where the archive starts in the stream and where its directory starts, counted from the
    /// archive's start. Without zip64, the directory ends where the end record begins, so a
    /// directory found further on than the end record says means that many bytes were prepended.
    /// With zip64 no prefix is looked for.
    /// </summary>
    private static async Task<(long ArchiveStart, long DirectoryStart)> FindDirectoryAsync(Stream archive, CancellationToken cancellationToken)
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
            long directorySize = BinaryPrimitives.ReadUInt32LittleEndian(record[12..]);
            var zip64Located = at >= Zip64LocatorLength && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at - Zip64LocatorLength)) == Zip64LocatorSignature;
            if (!zip64Located)
            {
                return (Math.Max(0, tailStart + at - directorySize - directoryStart), directoryStart);
            }

            // The fields ZipArchive takes as "see the zip64 record" (System.IO.Compression's ZipArchive.ReadEndOfCentralDirectory).
            if (directoryStart == uint.MaxValue || directorySize == uint.MaxValue || BinaryPrimitives.ReadUInt16LittleEndian(record[10..]) == ushort.MaxValue
                || BinaryPrimitives.ReadUInt16LittleEndian(record[4..]) == ushort.MaxValue)
            {
                var zip64EndOffset = BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(at - Zip64LocatorLength + 8));
                directoryStart = await ReadZip64DirectoryStartAsync(archive, zip64EndOffset, cancellationToken).ConfigureAwait(false) ?? directoryStart;
            }

            return (0, directoryStart);
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
