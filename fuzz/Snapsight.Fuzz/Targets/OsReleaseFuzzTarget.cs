using System.Text;
using Snapsight.Inventory.Os;

namespace Snapsight.Fuzz.Targets;

/// <summary>os-release text: the parser, then the interpretation the detector applies. Nothing may escape, not even a format error.</summary>
public sealed class OsReleaseFuzzTarget : IFuzzTarget
{
    public string Name => "os-release";

    public void Run(ReadOnlySpan<byte> input)
    {
        var fields = OsReleaseParser.Parse(Encoding.UTF8.GetString(input));
        _ = OsReleaseInterpreter.Interpret("/etc/os-release", fields);
    }
}
