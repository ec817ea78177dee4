using CsCheck;

namespace Snapsight.Disk.Tests.FileSystems.FileTree;

/// <summary>
/// A walk tells the file system which directories it will list (<see cref="Snapsight.Disk.FileSystems.IFileSystem.HintListingAsync"/>):
/// every directory it lists below the start is hinted before it is listed, only directories it lists are hinted, and the
/// hints stay a small multiple of the listings, whatever the shape of the tree.
/// </summary>
public sealed class FileTreeWalkHintTests
{
    [Fact]
    public void Every_listed_directory_is_hinted_first_and_hints_stay_bounded()
    {
        // Random trees: each directory i > 0 hangs under a random earlier one, some hold a file.
        var shape = Gen.Select(Gen.Int[0, 1000], Gen.Bool).Array[1, 60];
        shape.Sample(nodes =>
        {
            var paths = new List<string> { "/d0" };
            var fs = new InMemoryFileSystem().Directory("/d0");
            for (var i = 1; i < nodes.Length; i++)
            {
                var (parent, withFile) = nodes[i];
                var path = $"{paths[parent % paths.Count]}/d{i}";
                paths.Add(path);
                fs.Directory(path);
                if (withFile)
                {
                    fs.File($"{path}/f", "x");
                }
            }

            var walked = fs.Tree().WalkAsync("/").ToBlockingEnumerable().Count();
            Assert.True(walked >= paths.Count);

            var listed = fs.Opened.ToList();
            var hints = fs.Hints;
            Assert.Equal(paths.Order(StringComparer.Ordinal), listed.Where(p => p != "/").Order(StringComparer.Ordinal));
            for (var at = 0; at < listed.Count; at++)
            {
                if (listed[at] != "/")
                {
                    Assert.Contains(hints, hint => hint.Path == listed[at] && hint.OpenedBefore <= at);
                }
            }

            Assert.All(hints, hint => Assert.Contains(hint.Path, paths));
            Assert.InRange(hints.Count, paths.Count, 4 * paths.Count);
        }, iter: 200);
    }
}
