using Snapsight.Cloud.Tests.Provider;

namespace Snapsight.Cloud.Tests.Aws.Sdk;

/// <summary>The shared provider contract, run against the AWS provider talking to the fake EC2, STS and EBS endpoints.</summary>
public sealed class AwsCloudProviderContractTests : CloudProviderContractTests
{
    protected override ContractFleet CreateFleet(ContractSettings settings) => AwsContractFleet.Create(settings);
}
