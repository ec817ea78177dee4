using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Tests.Provider;

/// <summary>The tags the workflow puts on a run's snapshots, for subscription-1, and the assertion every provider test uses.</summary>
public static class ContractTags
{
    public static Dictionary<string, string> Run(string run) => new()
    {
        [SnapshotTags.Product] = SnapshotTags.ProductValue,
        [SnapshotTags.Subscription] = SnapshotTags.SubscriptionValue("subscription-1"),
        [SnapshotTags.Run] = run,
        [SnapshotTags.Expires] = "2030-01-01T00:00:00Z",
    };

    /// <summary>The call fails with <paramref name="code"/>, transient exactly when the code is.</summary>
    public static async Task<CloudProviderException> ThrowsAsync(CloudErrorCode code, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<CloudProviderException>(call);
        Assert.Equal(code, e.Code);
        Assert.Equal(CloudErrorCodes.IsTransient(code), e.IsTransient);
        return e;
    }
}
