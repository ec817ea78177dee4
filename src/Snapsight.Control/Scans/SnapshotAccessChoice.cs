using Snapsight.Cloud.Provider;

namespace Snapsight.Control.Scans;

/// <summary>
/// How a target account's snapshots are read (docs/aws.md#choosing-the-mode): the mode its target template
/// reported when it registered the account, else the cloud's own (on AWS the server's
/// <c>--aws-snapshot-access</c>). A cloud that shares with the service account (the local one) always does:
/// it neither reads in place nor copies.
/// </summary>
public static class SnapshotAccessChoice
{
    /// <param name="cloudDefault">The cloud's <see cref="ICloudProvider.SnapshotAccess"/>.</param>
    /// <param name="copyAndShare">The account's template's <c>CopyAndShare</c>; null when it did not say.</param>
    public static SnapshotAccess Of(SnapshotAccess cloudDefault, bool? copyAndShare) => (cloudDefault, copyAndShare) switch
    {
        (SnapshotAccess.ShareToServiceAccount, _) or (_, null) => cloudDefault,
        (_, true) => SnapshotAccess.CopyAndShareToServiceAccount,
        (_, false) => SnapshotAccess.ReadInPlace,
    };
}
