using System.Text.Json.Serialization;

namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>
/// The EBS direct JSON bodies, source-generated (AOT-safe). Everything in them is nullable: presence
/// and ranges are checked by <see cref="EbsResponseParser"/>, which names what is missing. Members
/// AWS adds later are ignored; a member given twice is refused, as is nesting deeper than the
/// bodies have.
/// </summary>
[JsonSourceGenerationOptions(AllowDuplicateProperties = false, MaxDepth = 8, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ListSnapshotBlocksBody))]
[JsonSerializable(typeof(ListChangedBlocksBody))]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class EbsJson : JsonSerializerContext;
