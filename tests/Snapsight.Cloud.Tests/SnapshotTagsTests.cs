using CsCheck;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cloud.Tests;

public sealed class SnapshotTagsTests
{
    [Fact]
    public void The_subscription_value_is_the_first_half_of_sha256sum()
    {
        Gen.String[1, 40].Sample(id =>
        {
            var sha256sum = Tool.Run("sha256sum", [], id, null)[..32];
            Assert.Equal(sha256sum, SnapshotTags.SubscriptionValue(id));
        }, iter: 20);
    }
}
