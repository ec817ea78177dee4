namespace Snapsight.Disk;

/// <summary>
/// Well-formed data that uses a feature we deliberately do not read (a qcow2 backing file,
/// an unknown incompatible ext4 feature). The feature names are listed so the gap is precise.
/// </summary>
public sealed class UnsupportedFeatureException : DiskFormatException
{
    public UnsupportedFeatureException(string layer, string structure, long offset, IReadOnlyList<string> features, string? detail = null)
        : base(layer, structure, offset, $"unsupported feature(s): {string.Join(", ", features)}{(detail is null ? "" : $" ({detail})")}")
    {
        Features = features;
    }

    public IReadOnlyList<string> Features { get; }
}
