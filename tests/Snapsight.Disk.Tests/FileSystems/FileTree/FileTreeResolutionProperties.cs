using CsCheck;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Disk.Tests.FileSystems.FileTree;

using FileTree = Snapsight.Disk.FileSystems.FileTree;

/// <summary>
/// Random trees with random links, random paths: the tree's answers must stay inside the image,
/// terminate within 40 links or report a loop, and agree with <see cref="Reference"/>, a plain
/// resolver over a dictionary of path strings written for this test alone.
/// </summary>
public sealed class FileTreeResolutionProperties
{
    private enum Kind
    {
        Directory,
        File,
        Link,
    }

    private static readonly Gen<string> Component = Gen.OneOfConst("a", "b", "c", ".", "..", "");

    private static readonly Gen<string> RandomPath =
        Gen.Select(Gen.Bool, Component.Array[1, 5], Gen.Int[0, 4], (absolute, parts, trailing) =>
            (absolute ? "/" : "") + string.Join('/', parts) + (trailing == 0 ? "/" : ""));

    private static readonly Gen<(string[] Path, Kind Kind, string Target)[]> RandomTree =
        Gen.Select(Gen.OneOfConst("a", "b", "c").Array[1, 3], Gen.Enum<Kind>(), RandomPath).Array[1, 30];

    [Fact]
    public void Resolution_stays_inside_the_root_terminates_and_agrees_with_the_reference()
    {
        Gen.Select(RandomTree, RandomPath.Array[1, 12]).Sample((items, queries) =>
        {
            var model = BuildModel(items);
            var tree = new FileTree(BuildFileSystem(model));
            foreach (var query in queries)
            {
                foreach (var followFinal in (bool[])[false, true])
                {
                    var (expected, expectLoop) = Reference(model, query, followFinal);
                    string? actual;
                    try
                    {
                        actual = tree.StatAsync(query, followFinal).GetAwaiter().GetResult()?.Path;
                    }
                    catch (SymlinkLoopException)
                    {
                        Assert.True(expectLoop, $"{query} (follow {followFinal}): the tree reported a loop, the reference did not");
                        continue;
                    }

                    Assert.False(expectLoop, $"{query} (follow {followFinal}): the reference found a loop, the tree answered {actual}");
                    Assert.Equal(expected, actual);
                    if (actual is not null)
                    {
                        // Never escapes: every answer is a path of the image itself.
                        Assert.True(model.ContainsKey(actual), $"{actual} is not a path of the image");
                    }
                }
            }
        }, iter: 400);
    }

    /// <summary>Paths of the image → what is there. Items whose parent is not a directory are dropped.</summary>
    private static Dictionary<string, (Kind Kind, string Target)> BuildModel((string[] Path, Kind Kind, string Target)[] items)
    {
        var model = new Dictionary<string, (Kind, string)>(StringComparer.Ordinal) { ["/"] = (Kind.Directory, "") };
        foreach (var (parts, kind, target) in items)
        {
            var parent = "/";
            var usable = true;
            foreach (var part in parts[..^1])
            {
                parent = parent == "/" ? "/" + part : parent + "/" + part;
                if (!model.TryGetValue(parent, out var existing))
                {
                    model[parent] = (Kind.Directory, "");
                }
                else if (existing.Item1 != Kind.Directory)
                {
                    usable = false;
                    break;
                }
            }

            var path = "/" + string.Join('/', parts);
            if (usable)
            {
                model.TryAdd(path, (kind, target));
            }
        }

        return model;
    }

    private static InMemoryFileSystem BuildFileSystem(Dictionary<string, (Kind Kind, string Target)> model)
    {
        var fs = new InMemoryFileSystem();
        foreach (var (path, (kind, target)) in model.OrderBy(p => p.Key.Length).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            _ = kind switch
            {
                Kind.Directory => path == "/" ? fs : fs.Directory(path),
                Kind.File => fs.File(path, path),
                _ => fs.Symlink(path, target),
            };
        }

        return fs;
    }

    /// <summary>
    /// The rules, stated plainly: walk the components left to right from "/"; any component at
    /// all after a non-directory finds nothing; ".." drops the last
    /// component of where we are (nothing at "/"); a link met before the last component, or at the
    /// last when following, splices its target in front of the rest — from "/" when absolute —
    /// and the 41st such splice is a loop.
    /// </summary>
    private static (string? Path, bool Loop) Reference(Dictionary<string, (Kind Kind, string Target)> model, string query, bool followFinal)
    {
        var rest = new LinkedList<string>(query.Split('/'));
        var here = "/";
        var splices = 0;
        while (rest.First is { } head)
        {
            var part = head.Value;
            rest.RemoveFirst();
            if (model[here].Kind != Kind.Directory)
            {
                return (null, false);
            }

            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                here = here == "/" ? "/" : here[..Math.Max(1, here.LastIndexOf('/'))];
                continue;
            }

            var next = here == "/" ? "/" + part : here + "/" + part;
            if (!model.TryGetValue(next, out var found))
            {
                return (null, false);
            }

            if (found.Kind == Kind.Link && (rest.Count > 0 || followFinal))
            {
                if (++splices > 40)
                {
                    return (null, true);
                }

                if (found.Target.Length == 0)
                {
                    return (null, false);
                }

                if (found.Target.StartsWith('/'))
                {
                    here = "/";
                }

                foreach (var targetPart in found.Target.Split('/').Reverse())
                {
                    rest.AddFirst(targetPart);
                }

                continue;
            }

            here = next;
        }

        return (here, false);
    }
}
