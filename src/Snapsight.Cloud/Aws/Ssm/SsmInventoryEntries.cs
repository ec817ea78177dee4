using System.Globalization;
using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Aws.Ssm;

/// <summary>
/// An instance's SSM inventory entries as ListInventoryEntries answers them (string maps, filled by
/// the instance's agent, so by whoever controls the instance) made into an <see cref="SsmInventory"/>.
/// Bounded: more than <see cref="SsmLimits.MaxApplications"/> entries, a field longer than
/// <see cref="SsmLimits.MaxFieldLength"/>, or an application without a name or a version refuses the
/// inventory as <see cref="CloudErrorCode.Corrupt"/>; what the fields say is judged by <see cref="SsmInventoryMapping"/>.
/// </summary>
public static class SsmInventoryEntries
{
    /// <summary>Refuses <paramref name="count"/> entries of <paramref name="typeName"/> past the limit; called as pages arrive, before more are read.</summary>
    public static void CheckCount(int count, string typeName, string instanceId)
    {
        if (count > SsmLimits.MaxApplications)
        {
            throw Corrupt(instanceId, $"more than {SsmLimits.MaxApplications} {typeName} entries");
        }
    }

    /// <summary>
    /// The inventory of <paramref name="instanceId"/>: the platform from the agent's AWS:InstanceInformation
    /// entry, else <paramref name="node"/> (what DescribeInstanceInformation said), and every AWS:Application entry.
    /// </summary>
    public static SsmInventory ToInventory(
        string instanceId, SsmPlatform node, IReadOnlyList<IReadOnlyDictionary<string, string>> information,
        IReadOnlyList<IReadOnlyDictionary<string, string>> applications, DateTimeOffset? captured)
    {
        CheckCount(information.Count, "AWS:InstanceInformation", instanceId);
        CheckCount(applications.Count, "AWS:Application", instanceId);
        // The inventory's own record of the platform is the one gathered with the applications; the node's is the fallback.
        var reported = information.Count > 0 ? information[0] : null;
        var platform = new SsmPlatform(
            Field(reported, "PlatformType", instanceId) ?? node.Type,
            Field(reported, "PlatformName", instanceId) ?? node.Name,
            Field(reported, "PlatformVersion", instanceId) ?? node.Version);
        return new SsmInventory(instanceId, platform, captured, [.. applications.Select(a => Application(a, instanceId))]);
    }

    /// <summary>The capture time ListInventoryEntries gives, or null when it is absent or not a time.</summary>
    public static DateTimeOffset? CaptureTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private static SsmApplication Application(IReadOnlyDictionary<string, string> entry, string instanceId)
    {
        var name = Field(entry, "Name", instanceId) ?? throw Corrupt(instanceId, "an AWS:Application entry has no Name");
        return new SsmApplication
        {
            Name = name,
            Version = Field(entry, "Version", instanceId) ?? throw Corrupt(instanceId, $"AWS:Application {SsmText.Printable(name)} has no Version"),
            Release = Field(entry, "Release", instanceId),
            Epoch = Field(entry, "Epoch", instanceId),
            Architecture = Field(entry, "Architecture", instanceId),
            PackageId = Field(entry, "PackageId", instanceId),
            Publisher = Field(entry, "Publisher", instanceId),
        };
    }

    /// <summary>A field's value; empty is absent (the agent writes "" for what the package manager lacks).</summary>
    private static string? Field(IReadOnlyDictionary<string, string>? entry, string name, string instanceId) =>
        entry is null || !entry.TryGetValue(name, out var value) || string.IsNullOrEmpty(value) ? null
        : value.Length <= SsmLimits.MaxFieldLength ? value
        : throw Corrupt(instanceId, $"inventory field {name} is longer than {SsmLimits.MaxFieldLength} characters");

    private static CloudProviderException Corrupt(string instanceId, string message) =>
        new(CloudErrorCode.Corrupt, instanceId, "ssm: " + message);
}
