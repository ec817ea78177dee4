namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>Limits of the EBS direct APIs (API reference), against which every response is checked.</summary>
public static class EbsLimits
{
    /// <summary>Every EBS snapshot block is 512 KiB.</summary>
    public const int BlockSize = 512 * 1024;

    /// <summary>The largest EBS volume, 64 TiB (io2 Block Express), in GiB.</summary>
    public const long MaxVolumeSizeGiB = 64 * 1024;

    /// <summary>Blocks per GiB of volume.</summary>
    public const long BlocksPerGiB = 1024L * 1024 * 1024 / BlockSize;

    /// <summary>MaxResults of the list calls: 100 to 10,000.</summary>
    public const int MinPageSize = 100;

    public const int MaxPageSize = 10_000;

    /// <summary>Block tokens and page tokens: at most 256 characters of the base64 alphabet.</summary>
    public const int MaxTokenLength = 256;

    public static bool IsToken(string? token) =>
        token is { Length: > 0 and <= MaxTokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=');

    /// <summary>A snapshot id as EC2 writes them: "snap-" and 8 or 17 lowercase hex digits.</summary>
    public static bool IsSnapshotId(string? id) =>
        id is { Length: 13 or 22 } && id.StartsWith("snap-", StringComparison.Ordinal) && id[5..].All(char.IsAsciiHexDigitLower);

    /// <summary>A volume id as EC2 writes them: "vol-" and 8 or 17 lowercase hex digits.</summary>
    public static bool IsVolumeId(string? id) =>
        id is { Length: 12 or 21 } && id.StartsWith("vol-", StringComparison.Ordinal) && id[4..].All(char.IsAsciiHexDigitLower);
}
