using System.Security.Cryptography;

namespace Snapsight.Control.Accounts;

/// <summary>
/// A connector's external ID: 160 random bits in base64url (27 characters, within IAM's
/// <c>sts:ExternalId</c> alphabet), chosen by the server so no one can pick another tenant's.
/// </summary>
public static class ExternalIds
{
    public const string MaskPrefix = "••••";

    public static string New() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(20)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Enough to tell two apart, not enough to use: the last four characters.</summary>
    public static string Mask(string externalId) => MaskPrefix + externalId[^Math.Min(4, externalId.Length)..];
}
