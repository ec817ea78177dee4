using System.Text.Json.Serialization;

namespace Snapsight.Cloud.Aws.Ebs.Incremental;

/// <summary>A volume's manifest.json: the snapshot its last scan read and those it keeps, newest first.</summary>
internal sealed class EbsVolumeManifest
{
    public int? Version { get; set; }

    public string? VolumeId { get; set; }

    public string? LastScanned { get; set; }

    public List<string?>? Kept { get; set; }
}

/// <summary>The manifest's JSON, source-generated (AOT-safe); strict like the EBS bodies.</summary>
[JsonSourceGenerationOptions(AllowDuplicateProperties = false, MaxDepth = 4, NumberHandling = JsonNumberHandling.Strict, WriteIndented = true)]
[JsonSerializable(typeof(EbsVolumeManifest))]
internal sealed partial class EbsManifestJson : JsonSerializerContext;
