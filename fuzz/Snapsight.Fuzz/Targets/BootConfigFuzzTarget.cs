using System.Text;
using Snapsight.Inventory.Kernels.BootLoaders;

namespace Snapsight.Fuzz.Targets;

/// <summary>
/// Boot loader configurations: the input read as a grub.cfg and as a grubenv together (the
/// default rule joins them), as a loader entry, and as an extlinux.conf. Nothing may escape.
/// </summary>
public sealed class BootConfigFuzzTarget : IFuzzTarget
{
    public string Name => "boot-config";

    public void Run(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        var config = GrubConfigParser.Parse(text);
        var environment = GrubEnvironment.Parse(input);
        var entries = BootLoaderSpecEntry.InMenuOrder([BootLoaderSpecEntry.Parse("fuzz", text), BootLoaderSpecEntry.Parse("0-rescue", text)]);
        _ = GrubDefaultRule.Resolve(config, entries, environment);
        _ = SystemdBootDefault.Resolve(text, entries);
        _ = ExtlinuxConfig.Default(text);
    }
}
