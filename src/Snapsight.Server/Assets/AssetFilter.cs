using Snapsight.Control.Assets;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Persistence;
using Snapsight.Control.Results;
using Snapsight.Server.Api;

namespace Snapsight.Server.Assets;

/// <summary>
/// The asset list's filters, read from the query string: <c>account</c>, <c>region</c>,
/// <c>state</c>, <c>activation</c>, <c>tag</c> as <c>key=value</c> (or <c>key</c> for any value),
/// <c>os</c> (the OS family of the asset's current run, e.g. <c>debian</c>) and <c>search</c> (part of
/// the name, instance id or private address, any case). A value that cannot match anything is a 400
/// naming the field, never an empty page. The API and the console list through <see cref="List"/>.
/// </summary>
public sealed record AssetFilter(string? Account, string? Region, AssetState? State, AssetActivation? Activation,
    string? TagKey, string? TagValue, string? Os = null, string? Search = null)
{
    private const int MaxTextLength = 300;

    /// <summary>The filter, or the 400 answer naming the first bad field.</summary>
    public static (AssetFilter? Filter, IResult? Problem) Read(string? account, string? region, string? state,
        string? activation, string? tag, string? os = null, string? search = null)
    {
        if (new[] { account, region, state, activation, tag, os, search }.Any(v => v is { Length: > MaxTextLength }))
        {
            return (null, Problems.Invalid("query", $"a filter value has more than {MaxTextLength} characters"));
        }

        // PostgreSQL cannot take U+0000 as a parameter, and no stored name holds a control character.
        if (new[] { account, region, tag, os, search }.Any(v => v is not null && v.Any(char.IsControl)))
        {
            return (null, Problems.Invalid("query", "a filter value holds a control character"));
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

        return (new AssetFilter(account, region, parsedState, parsedActivation, key, value,
            string.IsNullOrEmpty(os) ? null : os, string.IsNullOrWhiteSpace(search) ? null : search.Trim()), null);
    }

    /// <summary>The matching assets in the list's order: account, region, instance.</summary>
    public IOrderedQueryable<Asset> List(ControlDbContext db) =>
        Apply(db.Assets.AsNoTracking(), db.StoredRuns)
            .OrderBy(a => a.CloudAccountId).ThenBy(a => a.Region).ThenBy(a => a.InstanceId).ThenBy(a => a.Id);

    public IQueryable<Asset> Apply(IQueryable<Asset> assets, IQueryable<StoredRun> runs)
    {
        if (Os is not null)
        {
            assets = assets.Where(a => runs.Any(r => r.AssetId == a.Id && r.IsCurrent && r.OsFamily == Os));
        }

        if (Search is not null)
        {
            var term = Search.ToLowerInvariant();
            // EF Core translates ToLower and Contains to SQL on both providers; the StringComparison overload it cannot.
#pragma warning disable CA1862
            assets = assets.Where(a => a.InstanceId.ToLower().Contains(term)
                || (a.Name != null && a.Name.ToLower().Contains(term))
                || (a.PrivateIpAddress != null && a.PrivateIpAddress.Contains(term)));
#pragma warning restore CA1862
        }

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
