using Snapsight.Compliance.Oval.Evaluation;

namespace Snapsight.Compliance.Tests.OvalEngine;

/// <summary>
/// Datatypes and operations (oval-common-schema DatatypeEnumeration, OperationEnumeration):
/// "greater than" means the system value is greater than the content value; an operation the
/// datatype does not allow, or a value not of the datatype, is an error.
/// </summary>
public sealed class ComparisonTests
{
    [Theory]
    // string: exact, case-sensitive equality.
    [InlineData("equals", "string", "yes", "yes", "T")]
    [InlineData("equals", "string", "Yes", "yes", "F")]
    [InlineData("not equal", "string", "Yes", "yes", "T")]
    [InlineData("case insensitive equals", "string", "Yes", "yES", "T")]
    [InlineData("case insensitive not equal", "string", "Yes", "yES", "F")]
    // pattern match searches (not anchored) with the content value as the pattern.
    [InlineData("pattern match", "string", "PermitRootLogin no", "^PermitRootLogin\\s+no$", "T")]
    [InlineData("pattern match", "string", "xx no", "no", "T")]
    [InlineData("pattern match", "string", "xx", "(", "E")]
    // Strings are not ordered in OVAL: greater than is not an operation of string.
    [InlineData("greater than", "string", "b", "a", "E")]
    // int: as numbers, with sign.
    [InlineData("equals", "int", "007", "7", "T")]
    [InlineData("greater than", "int", "10", "9", "T")]
    [InlineData("less than or equal", "int", "-3", "-3", "T")]
    [InlineData("less than", "int", "5", "-3", "F")]
    // bitwise and: every bit of the content value is set in the system value (0644 & 0600 == 0600).
    [InlineData("bitwise and", "int", "420", "384", "T")]
    [InlineData("bitwise and", "int", "256", "384", "F")]
    // bitwise or: the system value sets no bit outside the content value.
    [InlineData("bitwise or", "int", "256", "384", "T")]
    [InlineData("bitwise or", "int", "1", "384", "F")]
    [InlineData("equals", "int", "7a", "7", "E")]
    [InlineData("pattern match", "int", "7", "7", "E")]
    // float: as IEEE numbers.
    [InlineData("equals", "float", "1.50", "1.5", "T")]
    [InlineData("greater than or equal", "float", "1e3", "999.9", "T")]
    [InlineData("less than", "float", "x", "1", "E")]
    [InlineData("bitwise and", "float", "1", "1", "E")]
    // boolean: true/false/1/0, equality only.
    [InlineData("equals", "boolean", "1", "true", "T")]
    [InlineData("equals", "boolean", "0", "true", "F")]
    [InlineData("not equal", "boolean", "false", "true", "T")]
    [InlineData("equals", "boolean", "yes", "true", "E")]
    [InlineData("greater than", "boolean", "1", "0", "E")]
    // version: integer parts, any delimiter, missing parts are 0.
    [InlineData("equals", "version", "1.2", "1.2.0", "T")]
    [InlineData("greater than", "version", "1.10", "1.9", "T")]
    [InlineData("less than", "version", "2_0_1", "2.1", "T")]
    [InlineData("equals", "version", "1.2a", "1.2", "E")]
    [InlineData("pattern match", "version", "1.2", "1", "E")]
    // evr_string: epoch first, then rpmvercmp of version and release.
    [InlineData("greater than", "evr_string", "1:1.0-1", "0:9.9-9", "T")]
    [InlineData("less than", "evr_string", "0:1.0~rc1-1", "0:1.0-1", "T")]
    [InlineData("equals", "evr_string", "0:1.01-1", "0:1.1-1", "T")]
    [InlineData("equals", "evr_string", "x:1-1", "0:1-1", "E")]
    // debian_evr_string: dpkg order; '~' before the end, so 9.2~rc1 is before 9.2.
    [InlineData("less than", "debian_evr_string", "1:9.2~rc1-1", "1:9.2-1", "T")]
    [InlineData("greater than", "debian_evr_string", "1:1.0-1", "9.9-9", "T")]
    [InlineData("equals", "debian_evr_string", "0:2.36-9+deb12u4", "2.36-9+deb12u4", "T")]
    [InlineData("less than", "debian_evr_string", "2.36-9+deb12u3", "2.36-9+deb12u10", "T")]
    [InlineData("equals", "debian_evr_string", "a:1", "1", "E")]
    [InlineData("pattern match", "debian_evr_string", "1", "1", "E")]
    // binary: hex, case does not matter, equality only.
    [InlineData("equals", "binary", "DEADbeef", "deadBEEF", "T")]
    [InlineData("equals", "binary", "xyz", "00", "E")]
    [InlineData("greater than", "binary", "01", "00", "E")]
    // ipv4_address: networks with host bits cleared, subset and superset by prefix.
    [InlineData("equals", "ipv4_address", "10.0.0.7/8", "10.1.2.3/8", "T")]
    [InlineData("subset of", "ipv4_address", "10.1.0.0/16", "10.0.0.0/8", "T")]
    [InlineData("superset of", "ipv4_address", "10.1.0.0/16", "10.0.0.0/8", "F")]
    [InlineData("greater than", "ipv4_address", "10.0.0.2", "10.0.0.1", "T")]
    [InlineData("equals", "ipv4_address", "::1", "::1", "E")]
    [InlineData("equals", "ipv6_address", "::1", "0:0::1", "T")]
    [InlineData("subset of", "ipv6_address", "fe80::1/128", "fe80::/10", "T")]
    // record and anything unknown cannot be compared as a single value.
    [InlineData("equals", "record", "a", "a", "E")]
    [InlineData("equals", "nonsense", "a", "a", "E")]
    public void Compares_as_the_datatype_defines(string operation, string datatype, string systemValue, string contentValue, string expected) =>
        Assert.Equal(ResultCodes.Of(expected), OvalComparison.Compare(operation, datatype, systemValue, contentValue));
}
