using System.Text;
using Snapsight.Compliance.Oval.Probes;
using Snapsight.Compliance.Oval.Probes.Accounts;
using Snapsight.Compliance.Oval.Probes.Mounts;
using Snapsight.Disk;
using Snapsight.Disk.FileSystems.Systemd;

namespace Snapsight.Fuzz.Targets;

/// <summary>
/// The files the OVAL probes parse themselves, all from one input: as /etc/passwd and
/// /etc/shadow, as a systemd unit file, and each line as an fstab options field. A refusal is
/// an <see cref="OvalProbeException"/> (the probe's "too big" answer), or a
/// <see cref="DiskFormatException"/> from the unit file reader the probes share with the tree
/// assembly; anything else is a bug.
/// </summary>
public sealed class OvalProbeFilesFuzzTarget : IFuzzTarget
{
    public string Name => "oval-probe-files";

    public void Run(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        Refusable(() => AccountFile.Parse(text, 7).Sum(r => r.Number(2) ?? 0));
        Refusable(() => AccountFile.Parse(text, 9).Sum(r => r.Number(5) ?? 0));
        Refusable(() => UnitFileParser.Parse(text).Count);
        foreach (var line in text.Split('\n'))
        {
            _ = MountOptions.AsMounted(line);
        }
    }

    private static void Refusable(Func<long> parse)
    {
        try
        {
            _ = parse();
        }
        catch (Exception e) when (e is OvalProbeException or DiskFormatException)
        {
            // a bound was reached: the documented refusal
        }
    }
}
