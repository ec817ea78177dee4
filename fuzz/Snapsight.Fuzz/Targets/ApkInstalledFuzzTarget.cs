using Snapsight.Inventory.Packages.Apk;

namespace Snapsight.Fuzz.Targets;

/// <summary>apk's lib/apk/db/installed.</summary>
public sealed class ApkInstalledFuzzTarget : IFuzzTarget
{
    public string Name => "apk-installed";

    public void Run(ReadOnlySpan<byte> input) => _ = ApkInstalledParser.Parse(input, "/lib/apk/db/installed");
}
