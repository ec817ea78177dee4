using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Local;

/// <summary>
/// Resource ids as EC2 writes them (<c>i-</c>, <c>vol-</c>, <c>snap-</c> and 8 or 17 hex digits).
/// Ids become directory names, so nothing else is ever accepted.
/// </summary>
public static partial class LocalIds
{
    public const string Instance = "i-";
    public const string Volume = "vol-";
    public const string Snapshot = "snap-";

    /// <summary>A fresh id with 17 random hex digits.</summary>
    public static string New(string prefix) =>
        prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(9))[..17];

    public static bool IsValid(string prefix, string? id) =>
        id is not null && id.StartsWith(prefix, StringComparison.Ordinal) && Suffix().IsMatch(id.AsSpan(prefix.Length));

    /// <summary>Returns <paramref name="id"/>, or throws <see cref="CloudErrorCode.InvalidParameter"/>.</summary>
    public static string Check(string prefix, string id) => IsValid(prefix, id)
        ? id
        : throw new CloudProviderException(CloudErrorCode.InvalidParameter, id, $"'{id}' is not an id of the form {prefix}0123456789abcdef0");

    [GeneratedRegex("^([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant)]
    private static partial Regex Suffix();
}
