using System.Text.RegularExpressions;

namespace Snapsight.Compliance.Oval;

/// <summary>
/// OVAL patterns are Perl-compatible, and SCAP Security Guide content writes POSIX bracket
/// classes such as <c>[[:space:]]</c> (hundreds of times in ssg-fedora). .NET has no such
/// classes: it reads <c>[[:space:]]</c> as the set "[:space" followed by a literal "]", which
/// silently matches the wrong text. They are rewritten to .NET classes (ASCII, as PCRE's are).
/// </summary>
public static partial class PosixCharacterClasses
{
    public static string Translate(string pattern) =>
        pattern.Contains("[:", StringComparison.Ordinal) ? PosixClass().Replace(pattern, m => Equivalent(m.Groups[1].Value)) : pattern;

    private static string Equivalent(string name) => name switch
    {
        "alnum" => "a-zA-Z0-9",
        "alpha" => "a-zA-Z",
        "blank" => @" \t",
        "cntrl" => @"\x00-\x1f\x7f",
        "digit" => "0-9",
        "graph" => @"\x21-\x7e",
        "lower" => "a-z",
        "print" => @"\x20-\x7e",
        "punct" => @"!-/:-@\[-`{-~",
        "space" => @"\t\n\v\f\r ",
        "upper" => "A-Z",
        "word" => @"\w",
        _ => @"0-9A-Fa-f", // xdigit, the only name left that the pattern below accepts
    };

    [GeneratedRegex(@"\[:(alnum|alpha|blank|cntrl|digit|graph|lower|print|punct|space|upper|word|xdigit):\]", RegexOptions.CultureInvariant)]
    private static partial Regex PosixClass();
}
