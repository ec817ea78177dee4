using Snapsight.Advisories.Filtering;

namespace Snapsight.Fuzz.Targets;

/// <summary>An OpenVEX document given to <c>scan image --vex</c>.</summary>
public sealed class OpenVexFuzzTarget : IFuzzTarget
{
    public string Name => "openvex";

    public void Run(ReadOnlySpan<byte> input) => _ = OpenVexReader.Parse(input.ToArray(), "fuzz");
}
