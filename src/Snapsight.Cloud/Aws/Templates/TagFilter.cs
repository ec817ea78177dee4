namespace Snapsight.Cloud.Aws.Templates;

/// <summary>
/// Which instances get scanned, by their tags: an instance must carry every tag of
/// <see cref="All"/>, at least one of <see cref="Any"/> (when it is not empty) and none of
/// <see cref="None"/>. An instance carrying <see cref="Exclusion"/> is never snapshotted: the
/// target-account role itself is denied snapshots of it, whatever the scanner decides.
/// </summary>
public sealed record TagFilter
{
    /// <summary>At most this many tags in each list: a filter, not an inventory.</summary>
    public const int MaxTagsPerList = 50;

    /// <summary>The exclusion tag when none is given.</summary>
    public const string DefaultExclusion = "snapsight:exclude=true";

    public IReadOnlyList<string> All { get; init; } = [];

    public IReadOnlyList<string> Any { get; init; } = [];

    public IReadOnlyList<string> None { get; init; } = [];

    /// <summary><c>key=value</c>; <see cref="DefaultExclusion"/> when null.</summary>
    public string? Exclusion { get; init; }
}
