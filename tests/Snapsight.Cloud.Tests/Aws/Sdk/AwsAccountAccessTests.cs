using Snapsight.Cloud.Accounts;
using Snapsight.Cloud.Aws.Sdk;
using Snapsight.Cloud.Tests.Provider;

namespace Snapsight.Cloud.Tests.Aws.Sdk;

/// <summary>
/// Registration checks on AWS, against the fake's STS and EC2: the target role is assumed with the
/// connector's external ID, the service account is the base credentials' own, regions are enabled,
/// and each refusal gets the reason code a user sees.
/// </summary>
public sealed class AwsAccountAccessTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_deployed_target_role_and_the_servers_own_service_account_are_usable()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings());
        var access = new AwsAccountAccess(fleet.Aws);
        var target = fleet.Cloud.AddTargetAccount(fleet.Owner.AccountId, AwsContractFleet.ExternalId, [fleet.Owner.Region]);

        Assert.True((await access.ValidateAsync(fleet.Owner.AccountId, target.RoleArn, AwsContractFleet.ExternalId, [fleet.Owner.Region],
            AccountPurpose.Target, Ct)).IsUsable);
        Assert.True((await access.ValidateAsync(fleet.Cloud.ServiceAccountId, fleet.Cloud.ScanningRoleArn, "unused", [fleet.Owner.Region],
            AccountPurpose.Service, Ct)).IsUsable);
        Assert.Empty(fleet.Cloud.Denials);
    }

    [Fact]
    public async Task Each_refusal_has_the_code_users_see()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings());
        var access = new AwsAccountAccess(fleet.Aws);
        var target = fleet.Cloud.AddTargetAccount(fleet.Owner.AccountId, AwsContractFleet.ExternalId, [fleet.Owner.Region]);

        var wrongId = await access.ValidateAsync(fleet.Owner.AccountId, target.RoleArn, "another-connectors-id", [fleet.Owner.Region], AccountPurpose.Target, Ct);
        Assert.Equal(AccountAccessFailure.RoleCannotBeAssumed, wrongId.Failure);
        Assert.Contains(fleet.Cloud.Denials, d => d.Contains("external ID", StringComparison.Ordinal));

        // The fake enables us-east-1 besides the role's regions; ap-south-1 is enabled nowhere.
        var disabled = await access.ValidateAsync(fleet.Owner.AccountId, target.RoleArn, AwsContractFleet.ExternalId,
            [fleet.Owner.Region, "ap-south-1"], AccountPurpose.Target, Ct);
        Assert.Equal((AccountAccessFailure.RegionNotEnabled, "region ap-south-1 is not enabled in account 111111111111"), (disabled.Failure, disabled.Message));

        // The server's credentials are the service account's (222222222222), not another's.
        var notOurs = await access.ValidateAsync("333333333333", "arn:aws:iam::333333333333:role/snapsight-scanning", "unused", [fleet.Owner.Region],
            AccountPurpose.Service, Ct);
        Assert.Equal(AccountAccessFailure.RoleCannotBeAssumed, notOurs.Failure);
        Assert.Contains("account 222222222222's", notOurs.Message, StringComparison.Ordinal);

        // EC2 failing every attempt the SDK makes: nothing is known, the user is told to register again.
        fleet.Cloud.Faults.FailNextEc2Requests = AwsContractFleet.Ec2Attempts;
        var unavailable = await access.ValidateAsync(fleet.Owner.AccountId, target.RoleArn, AwsContractFleet.ExternalId, [fleet.Owner.Region],
            AccountPurpose.Target, Ct);
        Assert.Equal(AccountAccessFailure.CloudUnavailable, unavailable.Failure);
        Assert.Equal("cloud_unavailable", AccountAccessFailures.Code(unavailable.Failure!.Value));
    }
}
