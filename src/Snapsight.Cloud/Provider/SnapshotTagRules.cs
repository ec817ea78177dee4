using Snapsight.Cloud.Aws.Templates;

namespace Snapsight.Cloud.Provider;

/// <summary>
/// Tags given at snapshot creation obey the provider's tag rules, checked by <see cref="ScanTag"/>
/// (the one place they are written down), before anything is created.
/// </summary>
public static class SnapshotTagRules
{
    /// <summary>EC2 allows 50 tags on a resource.</summary>
    public const int MaxTags = 50;

    /// <summary>Tags set on an existing snapshot: at least one, only <see cref="SnapshotTags.KeepingKeys"/>, and within the rules.</summary>
    public static void CheckKeeping(IReadOnlyDictionary<string, string> tags)
    {
        Check(tags);
        if (tags.Count == 0 || tags.Keys.Any(k => !SnapshotTags.KeepingKeys.Contains(k)))
        {
            throw new CloudProviderException(CloudErrorCode.InvalidParameter, null,
                $"an existing snapshot may only be tagged with {string.Join(" and ", SnapshotTags.KeepingKeys)}");
        }
    }

    public static void Check(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Count > MaxTags)
        {
            throw new CloudProviderException(CloudErrorCode.InvalidParameter, null, $"{tags.Count} tags given; at most {MaxTags} are allowed");
        }

        foreach (var (key, value) in tags)
        {
            if (key.Contains('=', StringComparison.Ordinal))
            {
                throw new CloudProviderException(CloudErrorCode.InvalidParameter, null, $"tag key '{key}' contains '='");
            }

            try
            {
                ScanTag.Parse($"{key}={value}", "tags");
            }
            catch (TemplateParameterException e)
            {
                throw new CloudProviderException(CloudErrorCode.InvalidParameter, null, e.Message, e);
            }
        }
    }
}
