using System.Text.RegularExpressions;
using Snapsight.Cloud.Aws;

namespace Snapsight.Control.Accounts;

/// <summary>
/// An IAM role ARN, <c>arn:&lt;partition&gt;:iam::&lt;12 digits&gt;:role/&lt;optional path/&gt;name</c>, with IAM's
/// bounds: a path of at most 512 printable ASCII characters, a name of 1 to 64 of <c>A-Za-z0-9+=,.@_-</c>.
/// </summary>
public sealed partial record RoleArn(AwsPartition Partition, string AccountId, string Value)
{
    public const int MaxLength = 2048;

    /// <summary>Parses <paramref name="text"/>; <paramref name="field"/> names it in the error.</summary>
    public static RoleArn Parse(string? text, string field)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            throw new AccountInputException(field, $"give the role's ARN, at most {MaxLength} characters");
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            throw new AccountInputException(field, $"'{text}' is not a role ARN of the form arn:<partition>:iam::<12-digit account>:role/<path/>name");
        }

        var partition = AwsPartition.Find(match.Groups["partition"].Value)
            ?? throw new AccountInputException(field, $"'{match.Groups["partition"].Value}' is not one of {string.Join(", ", AwsPartition.All)}");
        return match.Groups["path"].Length > 512
            ? throw new AccountInputException(field, "the role's path is longer than IAM's 512 characters")
            : new RoleArn(partition, match.Groups["account"].Value, text);
    }

    // The path is "/" segments of printable ASCII (IAM: \u0021-\u007E), none empty.
    [GeneratedRegex(@"^arn:(?<partition>[a-z-]{1,16}):iam::(?<account>[0-9]{12}):role/(?<path>(?:[\x21-\x2E\x30-\x7E]+/)*)(?<name>[A-Za-z0-9+=,.@_-]{1,64})\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
