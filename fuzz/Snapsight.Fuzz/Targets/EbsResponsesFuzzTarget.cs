using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Provider;

namespace Snapsight.Fuzz.Targets;

/// <summary>
/// The JSON bodies of the EBS direct list calls, read as ListSnapshotBlocks and as ListChangedBlocks
/// answers (<see cref="EbsResponseParser"/>) and as an error body. A refusal is a
/// <see cref="CloudProviderException"/> with <see cref="CloudErrorCode.Corrupt"/>; anything else
/// escaping is a bug.
/// </summary>
public sealed class EbsResponsesFuzzTarget : IFuzzTarget
{
    public const string SnapshotId = "snap-0123456789abcdef0";

    public string Name => "ebs-responses";

    public void Run(ReadOnlySpan<byte> input)
    {
        _ = Refusal(input, changedBlocks: false);
        _ = Refusal(input, changedBlocks: true);
        _ = EbsResponseParser.ParseError(input);
    }

    /// <summary>Why <paramref name="input"/> is refused as a page of the list call, or null when it is a valid page.</summary>
    public static string? Refusal(ReadOnlySpan<byte> input, bool changedBlocks)
    {
        try
        {
            if (changedBlocks)
            {
                EbsResponseParser.ParseChangedBlocks(input, SnapshotId, 0, EbsLimits.MaxPageSize);
            }
            else
            {
                EbsResponseParser.ParseSnapshotBlocks(input, SnapshotId, 0, EbsLimits.MaxPageSize);
            }

            return null;
        }
        catch (CloudProviderException refused) when (refused.Code == CloudErrorCode.Corrupt)
        {
            return refused.Message;
        }
    }
}
