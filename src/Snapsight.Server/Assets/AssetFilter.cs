using Snapsight.Control.Assets;
using Snapsight.Server.Api;

namespace Snapsight.Server.Assets;

/// <summary>
/// The asset list's filters, read from the query string: <c>account</c>, <c>region</c>,
/// <c>state</c>, <c>activation</c>, and <c>tag</c> as <c>key=value</c> (or <c>key</c> for any value).
/// A value that cannot match anything is a 400 naming the field, never an empty page.
/// </summary>
public sealed record AssetFilter(string? Account, string? Region, AssetState? State, AssetActivation? Activation,
    string? TagKey, string? TagValue)
{
    private const int MaxTextLength = 300;

    /// <summary>The filter, or the 400 answer naming the first bad field.</summary>
    public static (AssetFilter? Filter, IResult? Problem) Read(string? account, string? region, string? state,
        string? activation, string? tag)
    {
        if (new[] { account, region, state, activation, tag }.Any(v => v is { Length: > MaxTextLength }))
        {
            return (null, Problems.Invalid("query", $"a filter value has more than {MaxTextLength} characters"));
        }

        if (account is not null && (account.Length != DiscoveredAsset.AccountIdLength || !account.All(char.IsAsciiDigit)))
        {
            return (null, Problems.Invalid("account", $"an AWS account id is {DiscoveredAsset.AccountIdLength} digits"));
        }

        AssetState? parsedState = null;
        if (state is not null)
        {
            if (!EnumText.TryParse<AssetState>(state, out var s))
            {
                return (null, Problems.Invalid("state", $"one of {EnumText.Names<AssetState>()}"));
            }

            parsedState = s;
        }

        AssetActivation? parsedActivation = null;
        if (activation is not null)
        {
            if (!EnumText.TryParse<AssetActivation>(activation, out var a))
            {
                return (null, Problems.Invalid("activation", $"one of {EnumText.Names<AssetActivation>()}"));
            }

            parsedActivation = a;
        }

        string? key = null, value = null;
        if (tag is not null)
        {
            var equals = tag.IndexOf('=', StringComparison.Ordinal);
            (key, value) = equals < 0 ? (tag, null) : (tag[..equals], tag[(equals + 1)..]);
            if (key.Length == 0)
            {
                return (null, Problems.Invalid("tag", "write key=value, or key alone for any value"));
            }
        }

        return (new AssetFilter(account, region, parsedState, parsedActivation, key, value), null);
    }

    public IQueryable<Asset> Apply(IQueryable<Asset> assets)
    {
        if (Account is not null)
        {
            assets = assets.Where(a => a.CloudAccountId == Account);
        }

        if (Region is not null)
        {
            assets = assets.Where(a => a.Region == Region);
        }

        if (State is { } state)
        {
            assets = assets.Where(a => a.State == state);
        }

        if (Activation is { } activation)
        {
            assets = assets.Where(a => a.Activation == activation);
        }

        if (TagKey is not null)
        {
            assets = TagValue is null
                ? assets.Where(a => a.Tags.Any(t => t.Key == TagKey))
                : assets.Where(a => a.Tags.Any(t => t.Key == TagKey && t.Value == TagValue));
        }

        return assets;
    }
}
