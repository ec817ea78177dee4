using System.Globalization;

namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>
/// Compares a value found on the system with a value from the content, as OVAL 5.11's
/// operations define it for each datatype (oval-common-schema OperationEnumeration).
/// An operation the datatype does not allow, or a value that is not of its datatype, is an error.
/// </summary>
public static class OvalComparison
{
    public static OvalResult Compare(string operation, string datatype, string systemValue, string contentValue) =>
        datatype switch
        {
            "int" => CompareInt(operation, systemValue, contentValue),
            _ => CompareString(operation, systemValue, contentValue),
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
            "equals" => Of(left == right),
            "not equal" => Of(left != right),
            "greater than" => Of(left > right),
            "greater than or equal" => Of(left >= right),
            "less than" => Of(left < right),
            "less than or equal" => Of(left <= right),
            "bitwise and" => Of((left & right) == right),
            "bitwise or" => Of((left | right) == right),
            _ => OvalResult.Error,
        };
    }

    private static OvalResult Of(bool value) => value ? OvalResult.True : OvalResult.False;
}
