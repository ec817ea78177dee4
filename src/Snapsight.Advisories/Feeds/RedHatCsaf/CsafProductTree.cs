using System.Text.Json;

namespace Snapsight.Advisories.Feeds.RedHatCsaf;

/// <summary>
/// A CSAF product_tree resolved to <see cref="RedHatProduct"/>s. Red Hat names every affected
/// thing with a "default_component_of" relationship: a component (an rpm, with a purl) that is part
/// of a platform (a product with a CPE). Only platforms whose CPE is RHEL itself
/// ("cpe:/o:redhat:enterprise_linux:9", "cpe:/a:redhat:enterprise_linux:9::appstream") give a
/// scope; Satellite, JBoss, OpenShift, EUS/AUS/E4S/ELS streams and non-rpm components resolve to null.
/// </summary>
public sealed class CsafProductTree
{
    private const string RhelCpe = "redhat:enterprise_linux:";

    private readonly Dictionary<string, RedHatProduct> _products = new(StringComparer.Ordinal);

    public CsafProductTree(JsonElement productTree)
    {
        var helpers = new Dictionary<string, (string? Cpe, string? Purl)>(StringComparer.Ordinal);
        CollectBranches(JsonFields.Array(productTree, "branches"), helpers);
        CollectProducts(JsonFields.Array(productTree, "full_product_names"), helpers);
        foreach (var relationship in JsonFields.Array(productTree, "relationships"))
        {
            if (JsonFields.String(relationship, "category") != "default_component_of"
                || JsonFields.Object(relationship, "full_product_name") is not { } full
                || JsonFields.String(full, "product_id") is not { } id
                || JsonFields.String(relationship, "product_reference") is not { } component
                || JsonFields.String(relationship, "relates_to_product_reference") is not { } platform
                || !helpers.TryGetValue(platform, out var platformHelper)
                || Release(platformHelper.Cpe) is not { } release)
            {
                continue;
            }

            var rpm = helpers.TryGetValue(component, out var componentHelper) && componentHelper.Purl is { } purl
                ? RpmComponent.FromPurl(purl)
                : RpmComponent.FromProductId(component);
            if (rpm is { } found)
            {
                _products[id] = new RedHatProduct(release, found.Name, found.Version, found.Module);
            }
        }
    }

    public RedHatProduct? Find(string productId) => _products.GetValueOrDefault(productId);

    /// <summary>The RHEL major release a platform CPE names, or null for anything that is not RHEL.</summary>
    public static string? Release(string? cpe)
    {
        if (cpe is null || !(cpe.StartsWith("cpe:/o:", StringComparison.Ordinal) || cpe.StartsWith("cpe:/a:", StringComparison.Ordinal))
            || !cpe.AsSpan(7).StartsWith(RhelCpe, StringComparison.Ordinal))
        {
            return null;
        }

        var version = cpe.AsSpan(7 + RhelCpe.Length);
        var end = version.IndexOfAnyExceptInRange('0', '9');
        var major = end < 0 ? version : version[..end];
        return major.Length is > 0 and <= 4 && (end < 0 || version[end] is '.' or ':') ? major.ToString() : null;
    }

    private static void CollectBranches(IEnumerable<JsonElement> branches, Dictionary<string, (string? Cpe, string? Purl)> helpers)
    {
        foreach (var branch in branches)
        {
            if (JsonFields.Object(branch, "product") is { } product)
            {
                CollectProducts([product], helpers);
            }

            CollectBranches(JsonFields.Array(branch, "branches"), helpers);
        }
    }

    private static void CollectProducts(IEnumerable<JsonElement> products, Dictionary<string, (string? Cpe, string? Purl)> helpers)
    {
        foreach (var product in products)
        {
            if (JsonFields.String(product, "product_id") is { } id)
            {
                var helper = JsonFields.Object(product, "product_identification_helper");
                helpers[id] = helper is { } h ? (JsonFields.String(h, "cpe"), JsonFields.String(h, "purl")) : (null, null);
            }
        }
    }
}
