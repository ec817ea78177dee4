namespace Snapsight.Cloud.Aws.Templates;

/// <summary>A list of regions a user gives: at least one, each of the partition, none twice.</summary>
public static class RegionList
{
    /// <summary>Checks <paramref name="regions"/> against <paramref name="partition"/>; <paramref name="field"/> names it in errors.</summary>
    public static string[] Check(string field, IReadOnlyList<string>? regions, AwsPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        if (regions is null || regions.Count == 0)
        {
            throw new TemplateParameterException(field, "must name at least one region");
        }

        if (regions.Count > partition.Regions.Count)
        {
            throw new TemplateParameterException(field, $"names {regions.Count} regions; partition {partition} has {partition.Regions.Count}");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            if (region is null || !partition.HasRegion(region))
            {
                throw new TemplateParameterException(field, $"'{region}' is not a region of partition {partition}");
            }

            if (!seen.Add(region))
            {
                throw new TemplateParameterException(field, $"'{region}' is named twice");
            }
        }

        return [.. regions];
    }
}
