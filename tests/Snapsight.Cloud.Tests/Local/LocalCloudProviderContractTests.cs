using Snapsight.Cloud.Tests.Provider;

namespace Snapsight.Cloud.Tests.Local;

/// <summary>The shared provider contract, run against the local provider.</summary>
public sealed class LocalCloudProviderContractTests : CloudProviderContractTests
{
    protected override ContractFleet CreateFleet(ContractSettings settings) => LocalContractFleet.Create(settings);
}
