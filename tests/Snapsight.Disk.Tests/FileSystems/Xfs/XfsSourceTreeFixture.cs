using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Xfs;

/// <summary>One source tree shared by every image variant of a test class (building it takes a second or two).</summary>
public sealed class XfsSourceTreeFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public XfsSourceTreeFixture()
    {
        Root = _directory.File("tree");
        XfsSourceTreeBuilder.Build(Root);
    }

    public string Root { get; }

    public void Dispose() => _directory.Dispose();
}
