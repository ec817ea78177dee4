using Snapsight.Disk.Tests.Support;

namespace Snapsight.Inventory.Tests.Languages.Binaries;

/// <summary>The Go and Rust executables built by <c>tests/images/build-binary-fixtures</c> (cached between runs), with their oracles.</summary>
public static class BinaryFixtures
{
    private static readonly FixtureScript Script = new("build-binary-fixtures");

    /// <summary>The Go builds: default, -trimpath without cgo, stripped, 32-bit, big-endian, and Debian 11's Go 1.15 build of age.</summary>
    public static TheoryData<string> GoBinaries => new() { "app", "app-trimpath", "app-stripped", "app-386", "app-s390x", "age-go1.15" };

    public static string Path(params string[] parts) => System.IO.Path.Combine([Script.Folder, .. parts]);
}
