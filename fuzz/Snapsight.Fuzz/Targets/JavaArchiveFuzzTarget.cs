using Snapsight.Inventory.Languages.Java;

namespace Snapsight.Fuzz.Targets;

/// <summary>
/// A Java archive as the language walk would meet it, nested archives included; then the same
/// bytes as a pom.properties and as a manifest, so the fuzzer reaches the text parsers without
/// having to build a zip around them.
/// </summary>
public sealed class JavaArchiveFuzzTarget : IFuzzTarget
{
    public string Name => "java-archive";

    public void Run(ReadOnlySpan<byte> input)
    {
        using var archive = new MemoryStream(input.ToArray(), writable: false);
        _ = JavaArchiveReader.ReadAsync(archive, "/fuzz.jar", JavaArchiveLimits.Default, CancellationToken.None).GetAwaiter().GetResult();
        _ = PomProperties.Parse(input);
        _ = JarManifest.ParseMainAttributes(input);
    }
}
