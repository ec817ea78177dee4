using System.Text.Json.Serialization;

namespace Snapsight.Cloud.Local;

/// <summary>
/// <c>snapshots/&lt;snap-id&gt;/snapshot.json</c>: one snapshot; the copied image is <see cref="DataFileName"/>
/// beside it. Owner and region are the directories it lives in. Its state is not stored but derived
/// (<see cref="LocalSnapshotState"/>): pending until <see cref="CompletesAt"/>, then <see cref="Outcome"/>.
/// </summary>
internal sealed record LocalSnapshotFile : ILocalFile
{
    public const string FileName = "snapshot.json";
    public const string DataFileName = "data";

    public required string VolumeId { get; init; }

    public required string InstanceId { get; init; }

    public required long VolumeSizeBytes { get; init; }

    public string? EncryptionKeyId { get; init; }

    /// <summary>The point in time the copy holds.</summary>
    public required DateTimeOffset StartTime { get; init; }

    public required DateTimeOffset CompletesAt { get; init; }

    [JsonConverter(typeof(KebabCaseEnumConverter<SnapshotOutcome>))]
    public SnapshotOutcome Outcome { get; set; } = SnapshotOutcome.Complete;

    public Dictionary<string, string> Tags { get; set; } = [];

    /// <summary>Accounts granted reads, sorted.</summary>
    public List<string> SharedWith { get; set; } = [];

    public void Check()
    {
        LocalFileReader.NoNullValues(Tags, "tags");
        LocalFileReader.NoNullElements(SharedWith, "sharedWith");
    }
}
