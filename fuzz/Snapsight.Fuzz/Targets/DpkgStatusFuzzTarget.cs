using Snapsight.Inventory.Packages.Dpkg;

namespace Snapsight.Fuzz.Targets;

/// <summary>dpkg's status file, read both as the status file and as a distroless status.d file.</summary>
public sealed class DpkgStatusFuzzTarget : IFuzzTarget
{
    public string Name => "dpkg-status";

    public void Run(ReadOnlySpan<byte> input)
    {
        _ = DpkgStatusParser.Parse(input, "/var/lib/dpkg/status");
        _ = DpkgStatusParser.ParseStatusDirectoryFile(input, "/var/lib/dpkg/status.d/fuzz");
    }
}
