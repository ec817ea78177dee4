using System.Net;
using Snapsight.Cloud.Aws.Templates;

namespace Snapsight.Control.Assets;

/// <summary>
/// One instance as a discovery saw it. The values come from a cloud API, so <see cref="Checked"/>
/// bounds every one before it reaches the database, and addresses are stored in one canonical form
/// so that equal addresses compare equal when the licence counts them.
/// </summary>
public sealed record DiscoveredAsset(
    string CloudAccountId, string Region, string InstanceId, AssetState State,
    string? Name = null, string? PrivateIpAddress = null, string? PublicIpAddress = null,
    IReadOnlyDictionary<string, string>? Tags = null)
{
    public const int AccountIdLength = 12;
    public const int MaxRegionLength = 32;
    public const int MaxInstanceIdLength = 32;

    /// <summary>The longest canonical IPv6 text, with an embedded IPv4 address.</summary>
    public const int MaxIpAddressLength = 45;

    /// <summary>EC2's own cap on a resource's user tags.</summary>
    public const int MaxTags = 50;

    /// <summary>This asset with canonical addresses; throws <see cref="ArgumentException"/> naming the first bad value.</summary>
    public DiscoveredAsset Checked()
    {
        if (CloudAccountId.Length != AccountIdLength || !CloudAccountId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"account id '{CloudAccountId}' is not {AccountIdLength} digits", nameof(CloudAccountId));
        }

        CheckText(nameof(Region), Region, MaxRegionLength);
        CheckText(nameof(InstanceId), InstanceId, MaxInstanceIdLength);
        if (Name is not null && Name.Length > ScanTag.MaxValueLength)
        {
            throw new ArgumentException($"the name has more than {ScanTag.MaxValueLength} characters", nameof(Name));
        }

        var tags = Tags ?? new Dictionary<string, string>();
        if (tags.Count > MaxTags || tags.Any(t => t.Key.Length is 0 or > ScanTag.MaxKeyLength || t.Value.Length > ScanTag.MaxValueLength))
        {
            throw new ArgumentException($"at most {MaxTags} tags, keys of 1 to {ScanTag.MaxKeyLength} and values of at most {ScanTag.MaxValueLength} characters", nameof(Tags));
        }

        return this with
        {
            PrivateIpAddress = Canonical(nameof(PrivateIpAddress), PrivateIpAddress),
            PublicIpAddress = Canonical(nameof(PublicIpAddress), PublicIpAddress),
            Tags = tags,
        };
    }

    private static void CheckText(string field, string value, int maxLength)
    {
        if (value.Length is 0 || value.Length > maxLength || !value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new ArgumentException($"'{value}' is not 1 to {maxLength} letters, digits or '-'", field);
        }
    }

    private static string? Canonical(string field, string? address) =>
        address is null ? null
        : IPAddress.TryParse(address, out var parsed) && address.Length <= MaxIpAddressLength ? parsed.ToString()
        : throw new ArgumentException($"'{address}' is not an IP address", field);
}
