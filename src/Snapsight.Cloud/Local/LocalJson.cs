using System.Text.Json.Serialization;

namespace Snapsight.Cloud.Local;

/// <summary>
/// The local provider's files, through source-generated serialisation (AOT-safe). Unknown members
/// are refused, so a misspelt key in a hand-written instance.json is an error, not a default; so are
/// a key given twice (which of two external IDs would count?) and a null where the property's type has none. Read them through <see cref="LocalFileReader"/>.
/// Members with a default are <c>set</c>, not <c>init</c>: for a type with required members the
/// generated reader gives an absent init-only member its type's default, not the declared one (an
/// instance.json without <c>state</c> came out pending, without <c>tags</c> null).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    AllowDuplicateProperties = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LocalInstanceFile))]
[JsonSerializable(typeof(LocalSnapshotFile))]
[JsonSerializable(typeof(LocalAccountFile))]
internal sealed partial class LocalJson : JsonSerializerContext;
