using Snapsight.Inventory.Languages.Python;

namespace Snapsight.Fuzz.Targets;

/// <summary>Python's METADATA / PKG-INFO header, read both as a whole file and as the cut head of a longer one.</summary>
public sealed class PythonMetadataFuzzTarget : IFuzzTarget
{
    public string Name => "python-metadata";

    public void Run(ReadOnlySpan<byte> input)
    {
        _ = PythonMetadataParser.Parse(input, headIsWholeFile: true);
        _ = PythonMetadataParser.Parse(input, headIsWholeFile: false);
    }
}
