using CsCheck;

namespace Snapsight.Advisories.Tests.Versions;

/// <summary>Generated version strings: shaped like real ones, with the characters each ecosystem treats specially.</summary>
public static class GeneratedVersions
{
    private static Gen<string> Text(string first, string rest, int maxLength) =>
        Gen.Select(Gen.Char[first], Gen.Char[rest].Array[0, maxLength], (head, tail) => head + new string(tail));

    /// <summary><c>[epoch:]upstream[-revision]</c> with tildes, pluses, dots and letters of both cases.</summary>
    public static Gen<string> Dpkg { get; } = Gen.Select(
        Gen.OneOfConst("", "", "0:", "1:", "2:", "10:"),
        Text("0123456789", "0123456789..+~~abzAZ", 8),
        Gen.OneOf(Gen.Const(""), Text("0123456789a~", "0123456789.+~ab", 4).Select(r => "-" + r)),
        (epoch, upstream, revision) => epoch + upstream + revision);

    /// <summary><c>[epoch:]version[-release]</c> with tildes, carets, separators and letters.</summary>
    public static Gen<string> Rpm { get; } = Gen.Select(
        Gen.OneOfConst("", "", "0:", "1:", "3:"),
        Text("0123456789a", "0123456789..~^_+abzAZ", 8),
        Gen.OneOf(Gen.Const(""), Text("0123456789a~^", "0123456789.~^_ab", 5).Select(r => "-" + r)),
        (epoch, version, release) => epoch + version + release);

    /// <summary>Anything made of the characters versions use, valid or not in a given ecosystem.</summary>
    public static Gen<string> Any { get; } = Gen.Char["0123456789..--_+~^:!abcdeprvAZ"].Array[0, 14].Select(c => new string(c));

    /// <summary>
    /// Release-shaped versions: one to four numbers (the first not zero), then up to two labels
    /// after the separators ecosystems use.
    /// </summary>
    public static Gen<string> ReleaseShaped { get; } = Gen.Select(
        Gen.Int[1, 12],
        Gen.Int[0, 12].Array[0, 3],
        Gen.Select(Gen.OneOfConst("", "-", ".", "_", "~", "+", "^"), Gen.Char["0123456789abcdeprvAZ"].Array[1, 5], (separator, word) => separator + new string(word)).Array[0, 2],
        (first, rest, labels) => string.Join('.', rest.Prepend(first)) + string.Concat(labels));

    /// <summary>Endings that make a version just above or below another.</summary>
    private static readonly Gen<string> NearSuffix = Gen.OneOfConst("0", ".0", "~", "~1", "a", "+1", ".1");

    /// <summary>Pairs where the two sides are often equal or nearly so, which is where comparers go wrong.</summary>
    public static Gen<(string A, string B)> Pairs(Gen<string> versions) => Gen.Select(versions, versions, NearSuffix, Gen.Int[0, 3], (a, b, suffix, how) => how switch
    {
        0 => (a, a),
        1 => (a, a + suffix),
        2 => (a + suffix, a),
        _ => (a, b),
    });
}
