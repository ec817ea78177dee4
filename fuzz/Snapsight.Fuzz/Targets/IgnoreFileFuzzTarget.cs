using System.Text;
using Snapsight.Advisories.Filtering;

namespace Snapsight.Fuzz.Targets;

/// <summary>The <c>--ignore-file</c> text format.</summary>
public sealed class IgnoreFileFuzzTarget : IFuzzTarget
{
    public string Name => "ignore-file";

    public void Run(ReadOnlySpan<byte> input) => _ = IgnoreFile.Parse(Encoding.UTF8.GetString(input), "fuzz");
}
