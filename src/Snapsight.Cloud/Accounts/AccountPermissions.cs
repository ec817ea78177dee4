namespace Snapsight.Cloud.Accounts;

/// <summary>
/// The actions a connector's role must grant for each purpose: the ones the workflow calls
/// (the templates' policies grant these and more; docs/control/templates.md).
/// </summary>
public static class AccountPermissions
{
    public static IReadOnlyList<string> Service { get; } =
        ["ec2:DescribeRegions", "ec2:DescribeSnapshots", "ebs:ListSnapshotBlocks", "ebs:GetSnapshotBlock"];

    /// <summary>
    /// The AWS provider snapshots a whole instance at once (<c>ec2:CreateSnapshots</c>), asks whom a
    /// snapshot is shared with (<c>ec2:DescribeSnapshotAttribute</c>) and, reading in place (its default
    /// mode), reads the snapshot's blocks as the target role (<c>ebs:ListSnapshotBlocks</c>,
    /// <c>ebs:GetSnapshotBlock</c>); the target template grants all of them.
    /// </summary>
    public static IReadOnlyList<string> Target { get; } =
    [
        "ec2:DescribeRegions", "ec2:DescribeInstances", "ec2:DescribeVolumes", "ec2:DescribeSnapshots", "ec2:DescribeSnapshotAttribute",
        "ec2:CreateSnapshot", "ec2:CreateSnapshots", "ec2:CreateTags", "ec2:DeleteSnapshot", "ec2:ModifySnapshotAttribute",
        "ebs:ListSnapshotBlocks", "ebs:GetSnapshotBlock",
    ];

    /// <summary>
    /// What API-based assessment reads as the target role: the SSM inventory of instances whose
    /// agent reports (docs/aws.md). Optional: a role without them is still registered and its
    /// instances are scanned from snapshots only, so registration does not require them.
    /// </summary>
    public static IReadOnlyList<string> ApiAssessment { get; } = ["ssm:DescribeInstanceInformation", "ssm:ListInventoryEntries"];

    public static IReadOnlyList<string> For(AccountPurpose purpose) => purpose == AccountPurpose.Service ? Service : Target;
}
