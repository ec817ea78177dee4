using System.Text;
using Snapsight.Advisories.Versions;

namespace Snapsight.Fuzz.Targets;

/// <summary>
/// Two version strings (the input split at its first tab) through every comparer, both ways
/// round. Refusing is fine; an exception, or an order that does not flip with its arguments, is a bug.
/// </summary>
public sealed class VersionsFuzzTarget : IFuzzTarget
{
    public string Name => "versions";

    public void Run(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        var tab = text.IndexOf('\t', StringComparison.Ordinal);
        var a = tab < 0 ? text : text[..tab];
        var b = tab < 0 ? text + "0" : text[(tab + 1)..];
        foreach (var comparer in VersionComparers.All)
        {
            if (comparer.TryCompare(a, b, out var forward) && (!comparer.TryCompare(b, a, out var backward) || backward != -forward))
            {
                throw new InvalidOperationException($"{comparer.Ecosystem} is not antisymmetric on this input");
            }
        }
    }
}
