using System.Text;
using Snapsight.Inventory.Sbom;

namespace Snapsight.Fuzz.Targets;

/// <summary>A licence field from a package database, as the SBOM writers test it for being an SPDX expression.</summary>
public sealed class SpdxLicenseExpressionFuzzTarget : IFuzzTarget
{
    public string Name => "spdx-license-expression";

    public void Run(ReadOnlySpan<byte> input) => _ = SpdxLicenseExpression.Normalize(Encoding.UTF8.GetString(input));
}
