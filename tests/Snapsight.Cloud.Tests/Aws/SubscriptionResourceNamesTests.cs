using CsCheck;
using Snapsight.Cloud.Aws;

namespace Snapsight.Cloud.Tests.Aws;

/// <summary>
/// The per-subscription names are made only from a subscription tag value's form (a snapshot's tag is
/// anyone's writing in the target account); TargetTemplateRegionsTests checks the names a template renders.
/// </summary>
public sealed class SubscriptionResourceNamesTests
{
    private static readonly Gen<string> LowerHex = Gen.String[Gen.Char["0123456789abcdef"], 31, 33];

    /// <summary>Near misses: upper-case digits, a line feed (which a careless end-of-line anchor lets through).</summary>
    private static readonly Gen<string> NearHex = Gen.OneOf(
        Gen.String[Gen.Char["0123456789abcdefA"], 32, 32],
        Gen.String[Gen.Char["0123456789abcdef"], 32, 32].Select(h => h + "\n"));

    [Fact]
    public void Only_the_form_of_a_subscription_tag_value_makes_a_name()
    {
        Gen.OneOf(Gen.String, LowerHex, NearHex).Sample(text =>
        {
            var isHash = text.Length == 32 && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
            Assert.Equal(isHash, SubscriptionResourceNames.IsSubscriptionTagValue(text));
            if (isHash)
            {
                Assert.Equal("alias/snapsight-scan-copies-" + text, SubscriptionResourceNames.CopyKeyAlias(text));
            }
            else
            {
                Assert.Throws<ArgumentException>(() => SubscriptionResourceNames.CopyKeyAlias(text));
                Assert.Throws<ArgumentException>(() => SubscriptionResourceNames.TargetRole(text));
            }
        }, iter: 2000);
    }
}
