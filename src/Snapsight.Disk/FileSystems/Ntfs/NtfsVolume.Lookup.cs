using System.Buffers.Binary;
using L = Snapsight.Disk.FileSystems.Ntfs.NtfsRecordLayout;

namespace Snapsight.Disk.FileSystems.Ntfs;

/// <summary>
/// Path lookup through directory indexes ($I30): the resident $INDEX_ROOT node, then INDX
/// blocks of $INDEX_ALLOCATION by VCN. Names are compared as Windows opens files: through the
/// volume's $UpCase table, in every namespace (POSIX, Win32, DOS); an exact match is preferred
/// over a case-insensitive one. Each lookup visits at most <see cref="MaxIndexNodes"/> nodes,
/// <see cref="MaxIndexDepth"/> deep, and never the same block twice.
/// </summary>
public sealed partial class NtfsVolume
{
    /// <summary>A B-tree of 32 levels holds far more names than a directory can; deeper is a loop or damage.</summary>
    public const int MaxIndexDepth = 32;

    /// <summary>Nodes one directory lookup may visit (one path, plus branches where names differ only in case).</summary>
    public const int MaxIndexNodes = 256;

    public const int MaxPathComponents = 64;

    private const string IndexStructure = "ntfs.index_root";
    private const string BlockStructure = "ntfs.index_record";

    /// <summary>
    /// Looks <paramref name="path"/> up from the root ("Windows/System32" or "\Windows\System32").
    /// Null when a component does not exist; throws <see cref="DiskFormatException"/> for damage.
    /// </summary>
    public async Task<NtfsPathMatch?> FindPathAsync(string path, CancellationToken cancellationToken = default)
    {
        var components = path.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        if (components.Length > MaxPathComponents)
        {
            throw new ArgumentException($"a path of more than {MaxPathComponents} components", nameof(path));
        }

        var record = await ReadRecordAsync(RootDirectoryRecord, cancellationToken).ConfigureAwait(false);
        var stored = new List<string>();
        foreach (var component in components)
        {
            if (!record.IsDirectory)
            {
                return null;
            }

            var entry = await FindEntryAsync(record, component, cancellationToken).ConfigureAwait(false);
            if (entry is null)
            {
                return null;
            }

            record = await ReadRecordAsync(entry.RecordNumber, cancellationToken).ConfigureAwait(false);
            if (!IsBaseRecordInUse(record, entry.SequenceNumber))
            {
                throw NtfsError.At(RecordStructure, record.DeviceOffset,
                    $"the index entry \"{entry.Name}\" names record {entry.RecordNumber} (sequence {entry.SequenceNumber}), which is not an in-use base record of that sequence ({record.SequenceNumber})");
            }

            stored.Add(entry.Name);
        }

        return new NtfsPathMatch(record.Number, "\\" + string.Join('\\', stored), record.IsDirectory);
    }

    private static bool IsBaseRecordInUse(NtfsFileRecord record, ushort expectedSequence) =>
        record.InUse && record.BaseRecord == 0 && (expectedSequence == 0 || record.SequenceNumber == expectedSequence);

    /// <summary>Searches one directory's index for <paramref name="name"/>.</summary>
    private async Task<NtfsIndexEntry?> FindEntryAsync(NtfsFileRecord directory, string name, CancellationToken cancellationToken)
    {
        var rootNode = ReadIndexRoot(directory);
        var search = new IndexSearch(this, directory, name, await UpCaseAsync(cancellationToken).ConfigureAwait(false));
        await search.SearchAsync(rootNode, 0, cancellationToken).ConfigureAwait(false);
        return search.Best;
    }

    /// <summary>Validates the directory's $INDEX_ROOT and parses its node.</summary>
    private IReadOnlyList<NtfsIndexEntry> ReadIndexRoot(NtfsFileRecord directory)
    {
        var root = directory.Find(NtfsAttributeType.IndexRoot, "$I30");
        if (root is null || !root.IsResident)
        {
            throw MissingIndexAttribute(directory, "$INDEX_ROOT");
        }

        var value = directory.ResidentValue(root);
        var where = directory.DeviceOffset + root.ValueOffset;
        if (value.Length < L.RootHeader + L.HeaderSize)
        {
            throw NtfsError.At(IndexStructure, where, $"record {directory.Number}: $INDEX_ROOT value of {value.Length} bytes is too short");
        }

        var indexedType = BinaryPrimitives.ReadUInt32LittleEndian(value[L.RootIndexedType..]);
        var collation = BinaryPrimitives.ReadUInt32LittleEndian(value[L.RootCollation..]);
        var blockSize = BinaryPrimitives.ReadUInt32LittleEndian(value[L.RootIndexBlockSize..]);
        if (indexedType != NtfsAttributeType.FileName || collation != L.CollationFileName || blockSize != _boot.IndexRecordSize)
        {
            throw NtfsError.At(IndexStructure, where,
                $"record {directory.Number}: $I30 indexes type 0x{indexedType:X} with collation {collation} and {blockSize}-byte blocks, not $FILE_NAME by file name in {_boot.IndexRecordSize}-byte blocks");
        }

        return NtfsIndexNode.Parse(value, L.RootHeader, where);
    }

    private static DiskFormatException MissingIndexAttribute(NtfsFileRecord directory, string attribute) =>
        directory.HasAttributeList
            ? new UnsupportedFeatureException(NtfsError.Layer, RecordStructure, directory.DeviceOffset, ["$ATTRIBUTE_LIST"],
                $"directory record {directory.Number} keeps its {attribute} in another record")
            : NtfsError.At(RecordStructure, directory.DeviceOffset, $"directory record {directory.Number} has no $I30 {attribute}");

    /// <summary>
    /// One lookup's walk down the B-tree. In a node, entries are in collation order: the first
    /// entry above the name leads to the only child that can hold it. Entries equal to the name
    /// except for case are candidates, and their children are searched too, because names that
    /// differ only in case (POSIX namespace) sort next to each other across nodes.
    /// </summary>
    private sealed class IndexSearch(NtfsVolume volume, NtfsFileRecord directory, string name, NtfsUpCase upCase)
    {
        private readonly HashSet<long> _visited = [];
        private NtfsAttribute? _allocation;

        public NtfsIndexEntry? Best { get; private set; }

        private bool ExactFound => Best is not null && string.Equals(Best.Name, name, StringComparison.Ordinal);

        public async ValueTask SearchAsync(IReadOnlyList<NtfsIndexEntry> node, int depth, CancellationToken cancellationToken)
        {
            foreach (var entry in node)
            {
                if (ExactFound)
                {
                    return;
                }

                var order = entry.IsLast ? -1 : upCase.Compare(name, entry.Name);
                if (order <= 0 && entry.ChildVcn is { } child)
                {
                    await SearchAsync(await ReadBlockAsync(child, depth + 1, cancellationToken).ConfigureAwait(false), depth + 1, cancellationToken).ConfigureAwait(false);
                }

                if (order < 0)
                {
                    return;
                }

                if (order == 0 && (Best is null || string.Equals(entry.Name, name, StringComparison.Ordinal)))
                {
                    Best = entry;
                }
            }
        }

        private async ValueTask<IReadOnlyList<NtfsIndexEntry>> ReadBlockAsync(long vcn, int depth, CancellationToken cancellationToken)
        {
            _allocation ??= directory.Find(NtfsAttributeType.IndexAllocation, "$I30") ?? throw MissingIndexAttribute(directory, "$INDEX_ALLOCATION");
            var blockSize = volume._boot.IndexRecordSize;
            // Child VCNs count clusters, or 512-byte units when a cluster is larger than an index block.
            var unit = blockSize >= volume._boot.ClusterSize ? volume._boot.ClusterSize : L.UsaStride;
            if (depth > MaxIndexDepth || _visited.Count >= MaxIndexNodes || _allocation.IsResident
                || vcn < 0 || vcn > (_allocation.DataSize - blockSize) / unit || !_visited.Add(vcn))
            {
                throw NtfsError.At(BlockStructure, directory.DeviceOffset,
                    $"directory record {directory.Number}: child VCN {vcn} at depth {depth} is outside $INDEX_ALLOCATION's {_allocation.DataSize} bytes, visited before (a cycle), or past the limits ({MaxIndexDepth} levels, {MaxIndexNodes} nodes)");
            }

            var position = vcn * unit;
            var block = new byte[blockSize];
            await NtfsAttributeReader.ReadAsync(volume._device, volume._boot.ClusterSize, _allocation.Runs, position, block, BlockStructure, cancellationToken).ConfigureAwait(false);
            var deviceOffset = NtfsAttributeReader.DeviceOffsetOf(_allocation.Runs, volume._boot.ClusterSize, position);
            NtfsMultiSectorRecord.Fixup(block, "INDX"u8, BlockStructure, deviceOffset);
            var ownVcn = BinaryPrimitives.ReadInt64LittleEndian(block.AsSpan(L.IndexBlockVcn));
            if (ownVcn != vcn)
            {
                throw NtfsError.At(BlockStructure, deviceOffset + L.IndexBlockVcn, $"the index block read for VCN {vcn} says it is VCN {ownVcn}");
            }

            return NtfsIndexNode.Parse(block, L.IndexBlockHeader, deviceOffset);
        }
    }
}
