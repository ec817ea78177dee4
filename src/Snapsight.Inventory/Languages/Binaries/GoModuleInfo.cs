namespace Snapsight.Inventory.Languages.Binaries;

/// <summary>
/// Go's module information text (what <c>go version -m</c> prints under the binary): one
/// tab-separated line each, "path" (the main package), "mod" (the main module: path, version,
/// sum), "dep" (a dependency: path, version, sum), "=>" (a replacement of the line before it:
/// path, version, sum) and "build" (a build setting). Unknown lines are skipped, as Go skips them.
/// </summary>
internal sealed record GoModuleInfo(GoModule? Main, IReadOnlyList<GoModule> Dependencies, IReadOnlyList<string> Problems)
{
    /// <summary>Dependencies of one binary at most; the largest real programs have a few hundred.</summary>
    public const int MaxDependencies = 10_000;

    /// <summary>Problems kept, so a text of broken lines does not make one message per line.</summary>
    public const int MaxProblems = 10;

    public static GoModuleInfo Parse(string text)
    {
        GoModule? main = null;
        var dependencies = new List<GoModule>();
        var problems = new List<string>();
        var lineNumber = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            if (line.IsEmpty)
            {
                continue;
            }

            var tab = line.IndexOf('\t');
            var key = tab < 0 ? line : line[..tab];
            var fields = tab < 0 ? [] : line[(tab + 1)..];
            switch (key)
            {
                case "mod":
                    main = ReadModule(fields);
                    break;
                case "dep":
                    if (dependencies.Count == MaxDependencies)
                    {
                        AddProblem($"more than {MaxDependencies} dependencies; the rest are not listed");
                        return new GoModuleInfo(main, dependencies, problems);
                    }

                    dependencies.Add(ReadModule(fields));
                    break;
                case "=>":
                    Replace(ReadModule(fields));
                    break;
            }
        }

        return new GoModuleInfo(main, dependencies, problems);

        void Replace(GoModule replacement)
        {
            // A replacement belongs to the module line just before it: the last dependency, or the main module when none came yet.
            if (dependencies.Count > 0 && dependencies[^1].Replacement is null)
            {
                dependencies[^1] = dependencies[^1] with { Replacement = replacement };
            }
            else if (dependencies.Count == 0 && main is { Replacement: null })
            {
                main = main with { Replacement = replacement };
            }
            else
            {
                AddProblem($"line {lineNumber}: a replacement follows no module line");
            }
        }

        void AddProblem(string problem)
        {
            if (problems.Count < MaxProblems)
            {
                problems.Add(problem);
            }
        }
    }

    /// <summary>"path\tversion\tsum"; the version and the sum may be missing.</summary>
    private static GoModule ReadModule(ReadOnlySpan<char> fields)
    {
        var tab = fields.IndexOf('\t');
        var path = tab < 0 ? fields : fields[..tab];
        var rest = tab < 0 ? [] : fields[(tab + 1)..];
        var versionEnd = rest.IndexOf('\t');
        var version = versionEnd < 0 ? rest : rest[..versionEnd];
        return new GoModule(path.ToString(), version.ToString());
    }
}
