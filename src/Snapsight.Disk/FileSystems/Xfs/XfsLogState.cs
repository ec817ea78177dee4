using System.Buffers.Binary;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// Decides whether the internal log was cleanly unmounted, reading a few 512-byte basic
/// blocks ("XFS Algorithms &amp; Data Structures", "Journaling Log"). Every basic block written
/// in the log carries its write cycle number in its first word (record headers at h_cycle),
/// so the head is where the cycle number drops; the log is clean when the record just before
/// the head is a single-operation unmount record (XLOG_UNMOUNT_TRANS). A crash-consistent
/// snapshot normally is not clean: we do not replay the log, we say so in a warning.
/// </summary>
internal sealed class XfsLogState(IBlockDevice device, XfsSuperblock sb, XfsAddressing addressing)
{
    public const string NotReplayed = "log not replayed: the file system was not cleanly unmounted, recent changes may be missing";

    private const string Structure = "xfs.log";
    private const int BasicBlock = 512;
    private const uint HeaderMagic = 0xFEEDBABE;
    private const int HeaderCycle = 4;
    private const int HeaderVersion = 8;
    private const int HeaderOperationCount = 40;
    private const int HeaderSize = 320; // h_size: the in-core log buffer size this record was written with
    private const int HeaderBytesPerBlock = 32 * 1024; // XLOG_HEADER_CYCLE_SIZE: cycle data one header block covers
    private const int OperationFlags = 9; // xlog_op_header: oh_tid, oh_len, oh_clientid, oh_flags
    private const byte UnmountTransaction = 0x20;

    /// <summary>How far back from the head we look for the last record header: one maximal 256 KiB record.</summary>
    private const int MaxHeaderSearch = (256 * 1024 / BasicBlock) + 2;

    /// <summary>
    /// Adds a warning unless the log is provably clean. A damaged or unreadable log is itself
    /// only a warning: files are read from the main metadata, never from the log.
    /// </summary>
    public async ValueTask CheckAsync(FileSystemWarnings warnings, CancellationToken ct)
    {
        try
        {
            await CheckLogAsync(warnings, ct).ConfigureAwait(false);
        }
        catch (DiskFormatException e)
        {
            warnings.Add($"log state unknown, treat as not replayed: {e.Message}");
        }
    }

    private async ValueTask CheckLogAsync(FileSystemWarnings warnings, CancellationToken ct)
    {
        if (sb.LogStart <= 0 || sb.LogBlocks == 0)
        {
            warnings.Add("the log is on an external device: whether it was replayed is unknown");
            return;
        }

        var first = addressing.LinearBlock((ulong)sb.LogStart, sb.LogBlocks, Structure, XfsSuperblockLayout.LogStart);
        var start = addressing.BlockOffset(first);
        var count = sb.LogBlocks << (sb.BlockLog - 9);
        var head = await FindHeadAsync(start, count, ct).ConfigureAwait(false);
        for (var back = 1; back <= Math.Min(MaxHeaderSearch, count); back++)
        {
            var index = (head - back + count) % count;
            var block = await ReadBasicBlockAsync(start, index, ct).ConfigureAwait(false);
            if (BinaryPrimitives.ReadUInt32BigEndian(block) != HeaderMagic)
            {
                continue;
            }

            var operations = BinaryPrimitives.ReadUInt32BigEndian(block.AsSpan(HeaderOperationCount));
            var body = await ReadBasicBlockAsync(start, (index + HeaderBlocks(block)) % count, ct).ConfigureAwait(false);
            if (operations != 1 || (body[OperationFlags] & UnmountTransaction) == 0)
            {
                warnings.Add(NotReplayed);
            }

            return;
        }

        warnings.Add(NotReplayed);
    }

    /// <summary>
    /// Version 2 records written with buffers over 32 KiB carry extension header blocks
    /// (xlog_rec_ext_header) before the first operation; h_size says how many.
    /// </summary>
    private static long HeaderBlocks(byte[] header)
    {
        var version = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(HeaderVersion));
        var size = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(HeaderSize));
        return version == 2 && size > HeaderBytesPerBlock ? (size + HeaderBytesPerBlock - 1) / HeaderBytesPerBlock : 1;
    }

    /// <summary>Binary search for the first basic block whose cycle differs from block 0's (0 if the whole log has one cycle).</summary>
    private async ValueTask<long> FindHeadAsync(long start, long count, CancellationToken ct)
    {
        var firstCycle = await CycleAsync(start, 0, ct).ConfigureAwait(false);
        if (await CycleAsync(start, count - 1, ct).ConfigureAwait(false) == firstCycle)
        {
            return 0;
        }

        long lo = 0, hi = count - 1; // cycle(lo) == firstCycle, cycle(hi) != firstCycle
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            if (await CycleAsync(start, mid, ct).ConfigureAwait(false) == firstCycle)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return hi;
    }

    private async ValueTask<uint> CycleAsync(long start, long index, CancellationToken ct)
    {
        var block = await ReadBasicBlockAsync(start, index, ct).ConfigureAwait(false);
        var word = BinaryPrimitives.ReadUInt32BigEndian(block);
        return word == HeaderMagic ? BinaryPrimitives.ReadUInt32BigEndian(block.AsSpan(HeaderCycle)) : word;
    }

    private ValueTask<byte[]> ReadBasicBlockAsync(long start, long index, CancellationToken ct) =>
        device.ReadBytesAsync(start + (index * BasicBlock), BasicBlock, "xfs", Structure, ct);
}
