using System.Text.Json.Serialization;
using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Local;

/// <summary>
/// <c>instances/&lt;instance-id&gt;/instance.json</c>: one instance. Its id is its directory's name;
/// its name is its <c>Name</c> tag, as on EC2.
/// </summary>
internal sealed record LocalInstanceFile : ILocalFile
{
    [JsonConverter(typeof(KebabCaseEnumConverter<InstanceState>))]
    public InstanceState State { get; set; } = InstanceState.Running;

    [JsonConverter(typeof(KebabCaseEnumConverter<InstancePlatform>))]
    public InstancePlatform Platform { get; set; } = InstancePlatform.Linux;

    public string? ImageId { get; init; }

    public required DateTimeOffset LaunchTime { get; init; }

    public string? PrivateIpAddress { get; init; }

    public string? PublicIpAddress { get; init; }

    public Dictionary<string, string> Tags { get; set; } = [];

    /// <summary>In attachment order; the first is the root volume.</summary>
    public required List<LocalVolumeFile> Volumes { get; init; }

    public void Check()
    {
        LocalFileReader.NoNullValues(Tags, "tags");
        LocalFileReader.NoNullElements(Volumes, "volumes");
    }
}

/// <summary>One volume of <see cref="LocalInstanceFile"/>.</summary>
internal sealed record LocalVolumeFile
{
    public required string Id { get; init; }

    public required string Device { get; init; }

    /// <summary>The image file, relative to the instance's directory and inside it; any format the disk stack reads.</summary>
    public required string Image { get; init; }

    public string? EncryptionKeyId { get; init; }
}
