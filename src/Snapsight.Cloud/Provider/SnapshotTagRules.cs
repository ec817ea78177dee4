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
