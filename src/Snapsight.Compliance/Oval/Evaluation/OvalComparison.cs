using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Snapsight.Advisories.Versions;

namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>
/// Compares a value found on the system with a value from the content, as OVAL 5.11's
/// operations define it for each datatype (oval-common-schema OperationEnumeration and
/// DatatypeEnumeration): "greater than" means the system value is greater than the content value.
/// An operation the datatype does not allow, a datatype we do not know, or a value that is not of
/// its datatype is an error.
/// </summary>
public static class OvalComparison
{
    public static OvalResult Compare(string operation, string datatype, string systemValue, string contentValue) =>
        datatype switch
        {
            "string" => CompareString(operation, systemValue, contentValue),
            "int" => CompareInt(operation, systemValue, contentValue),
            "float" => Ordered(operation, CompareFloat(systemValue, contentValue)),
            "boolean" => Equality(operation, ParseBoolean(systemValue) is { } left && ParseBoolean(contentValue) is { } right ? left.CompareTo(right) : null),
            "version" => Ordered(operation, CompareVersion(systemValue, contentValue)),
            "evr_string" => Ordered(operation, RpmVersionOrder.Compare(systemValue, contentValue)),
            "debian_evr_string" => Ordered(operation, DpkgVersionComparer.Instance.TryCompare(systemValue, contentValue, out var order) ? order : null),
            "binary" => Equality(operation, IsHex(systemValue) && IsHex(contentValue) ? string.Compare(systemValue, contentValue, StringComparison.OrdinalIgnoreCase) : null),
            "ipv4_address" => CompareAddress(operation, AddressFamily.InterNetwork, systemValue, contentValue),
            "ipv6_address" => CompareAddress(operation, AddressFamily.InterNetworkV6, systemValue, contentValue),
            _ => OvalResult.Error,
        };

    private static OvalResult CompareString(string operation, string systemValue, string contentValue) => operation switch
    {
        "equals" => Of(string.Equals(systemValue, contentValue, StringComparison.Ordinal)),
        "not equal" => Of(!string.Equals(systemValue, contentValue, StringComparison.Ordinal)),
        "case insensitive equals" => Of(string.Equals(systemValue, contentValue, StringComparison.OrdinalIgnoreCase)),
        "case insensitive not equal" => Of(!string.Equals(systemValue, contentValue, StringComparison.OrdinalIgnoreCase)),
        "pattern match" => OvalPatterns.IsMatch(contentValue, systemValue),
        _ => OvalResult.Error,
    };

    private static OvalResult CompareInt(string operation, string systemValue, string contentValue)
    {
        if (!long.TryParse(systemValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var left)
            || !long.TryParse(contentValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var right))
        {
            return OvalResult.Error;
        }

        return operation switch
        {
            "bitwise and" => Of((left & right) == right),
            "bitwise or" => Of((left | right) == right),
            _ => Ordered(operation, left.CompareTo(right)),
        };
    }

    /// <summary>The operations of an ordered datatype; a null order means a value did not parse.</summary>
    private static OvalResult Ordered(string operation, int? order) => order is not { } o ? OvalResult.Error : operation switch
    {
        "equals" => Of(o == 0),
        "not equal" => Of(o != 0),
        "greater than" => Of(o > 0),
        "greater than or equal" => Of(o >= 0),
        "less than" => Of(o < 0),
        "less than or equal" => Of(o <= 0),
        _ => OvalResult.Error,
    };

    /// <summary>The operations of a datatype with equality only (boolean, binary).</summary>
    private static OvalResult Equality(string operation, int? order) =>
        operation is "equals" or "not equal" ? Ordered(operation, order) : OvalResult.Error;

    private static int? CompareFloat(string systemValue, string contentValue) =>
        double.TryParse(systemValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var left)
        && double.TryParse(contentValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var right)
        && !double.IsNaN(left) && !double.IsNaN(right)
            ? left.CompareTo(right)
            : null;

    // xs:boolean: true, false, 1, 0.
    private static bool? ParseBoolean(string value) => value switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };

    private static bool IsHex(string value) => value.All(char.IsAsciiHexDigit);

    /// <summary>Versions are integer parts split by any non-digit delimiter; missing parts count as 0 (1.2 equals 1.2.0).</summary>
    private static int? CompareVersion(string systemValue, string contentValue)
    {
        if (VersionParts(systemValue) is not { } left || VersionParts(contentValue) is not { } right)
        {
            return null;
        }

        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var order = CompareDigits(i < left.Length ? left[i] : "0", i < right.Length ? right[i] : "0");
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }

    private static string[]? VersionParts(string value)
    {
        var parts = value.Split([.. value.Where(c => !char.IsAsciiDigit(c)).Distinct()]);
        return value.Length > 0 && !value.Any(char.IsAsciiLetter) && parts.All(p => p.Length > 0) ? parts : null;
    }

    private static int CompareDigits(string a, string b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : Math.Sign(string.CompareOrdinal(a, b));
    }

    /// <summary>Addresses with an optional /prefix: equality of the networks, subset and superset, order when the prefixes agree.</summary>
    private static OvalResult CompareAddress(string operation, AddressFamily family, string systemValue, string contentValue)
    {
        if (ParseNetwork(systemValue, family) is not { } left || ParseNetwork(contentValue, family) is not { } right)
        {
            return OvalResult.Error;
        }

        return operation switch
        {
            "subset of" => Of(left.PrefixLength >= right.PrefixLength && right.Contains(left.BaseAddress)),
            "superset of" => Of(left.PrefixLength <= right.PrefixLength && left.Contains(right.BaseAddress)),
            _ when left.PrefixLength != right.PrefixLength => operation switch
            {
                "equals" => OvalResult.False,
                "not equal" => OvalResult.True,
                _ => OvalResult.Error,
            },
            _ => Ordered(operation, CompareBytes(left.BaseAddress.GetAddressBytes(), right.BaseAddress.GetAddressBytes())),
        };
    }

    private static IPNetwork? ParseNetwork(string value, AddressFamily family)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse(slash < 0 ? value : value[..slash], out var address) || address.AddressFamily != family)
        {
            return null;
        }

        var bits = family == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(value.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits))
        {
            return null;
        }

        // The network of the address: host bits cleared, so 10.0.0.7/8 is 10.0.0.0/8.
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bits; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPNetwork(new IPAddress(bytes), prefix);
    }

    private static int CompareBytes(byte[] left, byte[] right)
    {
        for (var i = 0; i < left.Length; i++)
        {
            if (left[i] != right[i])
            {
                return left[i].CompareTo(right[i]);
            }
        }

        return 0;
    }

    private static OvalResult Of(bool value) => value ? OvalResult.True : OvalResult.False;
}
