namespace Snapsight.Cloud.Aws.Sdk;

/// <summary>
/// Where the AWS provider learns how to act in an account: the role to assume, its external ID and
/// the account's regions. The server answers from the registrations in its database; tests and
/// tools from a fixed list (<see cref="FixedAwsAccountDirectory"/>).
/// </summary>
/// <remarks>
/// Two subscriptions may register the same AWS account, each through its own connector (its own
/// role and external ID), so an account id alone does not say which role to assume: the
/// <paramref name="subscription"/> of the call's <see cref="Provider.CloudScope"/> does. A directory
/// that holds one role per account may ignore it.
/// </remarks>
public interface IAwsAccountDirectory
{
    /// <summary>
    /// The account as <paramref name="subscription"/> registered it, or null when it did not (or the
    /// registration is not usable). Called on every provider call, so answers should be cached.
    /// </summary>
    ValueTask<AwsAccount?> FindAsync(string accountId, Guid? subscription, CancellationToken cancellationToken);
}
