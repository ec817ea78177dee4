using Snapsight.Inventory.Packages.Rpm;

namespace Snapsight.Fuzz.Targets;

/// <summary>
/// A whole rpm database of any backend (SQLite, NDB, BerkeleyDB hash, told apart by content);
/// then the input split where its first 4 bytes say, the part after the split passed as an
/// SQLite write-ahead log, so the fuzzer reaches the log reader too.
/// </summary>
public sealed class RpmDatabaseFuzzTarget : IFuzzTarget
{
    public string Name => "rpm-database";

    public void Run(ReadOnlySpan<byte> input)
    {
        var bytes = input.ToArray();
        _ = RpmDatabaseReader.Read(bytes, "fuzz");
        if (bytes.Length > 4)
        {
            var split = (int)(System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes) % (uint)(bytes.Length - 3)) + 4;
            _ = RpmDatabaseReader.Read(bytes.AsMemory(4, split - 4), "fuzz", bytes.AsMemory(split));
        }
    }
}
