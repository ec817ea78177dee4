using Snapsight.Cloud.Tests.Provider;

namespace Snapsight.Cloud.Tests.Aws.Sdk;

/// <summary>The shared provider contract, run against the AWS provider in copy-and-share mode (the copy key deployed).</summary>
public sealed class AwsCopyAndShareContractTests : CloudProviderContractTests
{
    protected override ContractFleet CreateFleet(ContractSettings settings) => AwsContractFleet.Create(settings, copyAndShare: true);
}
