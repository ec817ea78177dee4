namespace Snapsight.Disk.FileSystems.Ntfs;

/// <summary>
/// Decodes a mapping-pairs array (the runlist of a non-resident attribute): each run is a header
/// byte (low nibble: bytes of the length, high nibble: bytes of the signed LCN delta, 0 for a
/// sparse run), the length, then the delta; a 0 header ends it. Each run must have a positive
/// length, stay within the attribute's VCN range and, unless sparse, inside the volume, so no
/// later multiplication by the cluster size can overflow.
/// </summary>
internal static class NtfsRunList
{
    private const string Structure = "ntfs.runlist";

    /// <summary>More runs than this in one attribute record is not a real file; a 64 KiB record holds at most 32,768 two-byte pairs anyway.</summary>
    public const int MaxRuns = 32_768;

    public static IReadOnlyList<NtfsRun> Decode(ReadOnlySpan<byte> pairs, long startVcn, long lastVcn, long clusterCount, long deviceOffset)
    {
        var runs = new List<NtfsRun>();
        var vcn = startVcn;
        long lcn = 0;
        var at = 0;
        while (true)
        {
            if (at >= pairs.Length)
            {
                throw NtfsError.At(Structure, deviceOffset + at, "the runlist runs past its attribute without an end byte");
            }

            var header = pairs[at];
            if (header == 0)
            {
                break;
            }

            int lengthBytes = header & 0x0F, deltaBytes = header >> 4;
            if (lengthBytes is 0 or > 8 || deltaBytes > 8 || at + 1 + lengthBytes + deltaBytes > pairs.Length)
            {
                throw NtfsError.At(Structure, deviceOffset + at, $"run header 0x{header:X2} is malformed or its fields run past the attribute");
            }

            if (runs.Count == MaxRuns)
            {
                throw NtfsError.At(Structure, deviceOffset + at, $"more than {MaxRuns} runs");
            }

            var length = ReadSigned(pairs.Slice(at + 1, lengthBytes));
            if (length <= 0 || length > lastVcn - vcn + 1)
            {
                throw NtfsError.At(Structure, deviceOffset + at, $"run length {length} at VCN {vcn} is not positive or passes the last VCN {lastVcn}");
            }

            long? runLcn = null;
            if (deltaBytes > 0)
            {
                var delta = ReadSigned(pairs.Slice(at + 1 + lengthBytes, deltaBytes));
                // Both lie within ±2^63 only if checked: an LCN outside [0, clusterCount) is refused before adding anything else.
                if ((delta > 0 && lcn > clusterCount - delta) || lcn + delta < 0 || lcn + delta >= clusterCount || length > clusterCount - (lcn + delta))
                {
                    throw NtfsError.At(Structure, deviceOffset + at, $"run of {length} clusters at LCN {lcn} + {delta} lies outside the volume's {clusterCount} clusters");
                }

                lcn += delta;
                runLcn = lcn;
            }

            runs.Add(new NtfsRun(vcn, runLcn, length));
            vcn += length;
            at += 1 + lengthBytes + deltaBytes;
        }

        if (vcn != lastVcn + 1 && !(runs.Count == 0 && lastVcn == startVcn - 1))
        {
            throw NtfsError.At(Structure, deviceOffset + at, $"the runs end at VCN {vcn}, not after the last VCN {lastVcn}");
        }

        return runs;
    }

    /// <summary>A little-endian two's-complement integer of 1 to 8 bytes.</summary>
    private static long ReadSigned(ReadOnlySpan<byte> bytes)
    {
        long value = (sbyte)bytes[^1];
        for (var i = bytes.Length - 2; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }

        return value;
    }
}
