using System.Text.Json.Serialization;

namespace Snapsight.Cloud.Aws.Ebs;

// The JSON bodies of the EBS direct APIs (restJson1), member names as the API reference spells
// them. Everything is nullable: presence and ranges are checked by EbsResponseParser, which names
// what is missing.

internal sealed class ListSnapshotBlocksBody
{
    public List<BlockBody?>? Blocks { get; set; }

    public int? BlockSize { get; set; }

    public long? VolumeSize { get; set; }

    public double? ExpiryTime { get; set; }

    public string? NextToken { get; set; }
}

internal sealed class BlockBody
{
    public long? BlockIndex { get; set; }

    public string? BlockToken { get; set; }
}

internal sealed class ListChangedBlocksBody
{
    public List<ChangedBlockBody?>? ChangedBlocks { get; set; }

    public int? BlockSize { get; set; }

    public long? VolumeSize { get; set; }

    public double? ExpiryTime { get; set; }

    public string? NextToken { get; set; }
}

internal sealed class ChangedBlockBody
{
    public long? BlockIndex { get; set; }

    public string? FirstBlockToken { get; set; }

    public string? SecondBlockToken { get; set; }
}

internal sealed class ErrorBody
{
    public string? Message { get; set; }

    public string? Reason { get; set; }
}

/// <summary>
/// Source-generated (AOT-safe). Members AWS adds later are ignored; a member given twice is refused,
/// as is nesting deeper than the bodies have.
/// </summary>
[JsonSourceGenerationOptions(AllowDuplicateProperties = false, MaxDepth = 8, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ListSnapshotBlocksBody))]
[JsonSerializable(typeof(ListChangedBlocksBody))]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class EbsJson : JsonSerializerContext;
