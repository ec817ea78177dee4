using System.Text.Json.Serialization;

namespace Snapsight.Cloud.Local;

/// <summary>
/// The local provider's files, through source-generated serialisation (AOT-safe). Unknown members
/// are refused, so a misspelt key in a hand-written instance.json is an error, not a default.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LocalInstanceFile))]
[JsonSerializable(typeof(LocalSnapshotFile))]
[JsonSerializable(typeof(LocalAccountFile))]
internal sealed partial class LocalJson : JsonSerializerContext;
