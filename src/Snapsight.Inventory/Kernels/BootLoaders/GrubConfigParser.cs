namespace Snapsight.Inventory.Kernels.BootLoaders;

/// <summary>
/// Reads the menu out of a grub.cfg as GRUB builds it (GRUB manual, "menuentry", "submenu",
/// "default"): every <c>menuentry</c> and <c>submenu</c> block with its title, <c>--id</c> and
/// first <c>linux</c> line, nested as written; the <c>set default=</c> assignments outside
/// entries; and the position of a <c>blscfg</c> command. It does not run the script: conditions
/// are not evaluated (both branches' assignments are listed, for the caller to choose).
/// Pure and bounded: at most <see cref="MaxEntries"/> entries and <see cref="MaxDepth"/>
/// nested blocks; a block never closed is dropped, as GRUB drops a command it cannot finish.
/// </summary>
internal static class GrubConfigParser
{
    public const int MaxEntries = 10_000;
    public const int MaxDepth = 32;

    private static readonly string[] LinuxCommands = ["linux", "linuxefi", "linux16"];

    /// <summary>Options of menuentry and submenu that take a value; GRUB's generated files spell --id as $menuentry_id_option.</summary>
    private static readonly string[] OptionsWithValue = ["--class", "--users", "--hotkey", "--id", "$menuentry_id_option", "${menuentry_id_option}"];

    private sealed class Block(string? kind, string title, string? id)
    {
        public string? Kind { get; } = kind;
        public string Title { get; } = title;
        public string? Id { get; } = id;
        public string? Kernel { get; set; }
        public List<BootMenuEntry> Children { get; } = [];
    }

    public static GrubConfig Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var top = new List<BootMenuEntry>();
        var defaults = new List<string>();
        var problems = new List<string>();
        var stack = new Stack<Block>();
        int? blsAt = null;
        var entries = 0;
        var lineNumber = 0;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            var words = GrubWords.Split(line);
            if (words.Count == 0)
            {
                continue;
            }

            var inEntry = stack.Any(b => b.Kind == "menuentry");
            if (words[0] is "menuentry" or "submenu" && words[^1] == "{")
            {
                if (++entries > MaxEntries || stack.Count >= MaxDepth)
                {
                    problems.Add($"line {lineNumber}: more than {MaxEntries} entries or {MaxDepth} nested blocks; the rest of the file is not read");
                    break;
                }

                var (title, id) = TitleAndId(words);
                stack.Push(new Block(words[0], title, id));
            }
            else if (words[0] == "}")
            {
                if (!stack.TryPop(out var closed))
                {
                    problems.Add($"line {lineNumber}: '}}' closes no block");
                    continue;
                }

                if (closed.Kind is not null)
                {
                    var entry = new BootMenuEntry(closed.Title, closed.Id, closed.Kernel, Children: closed.Kind == "submenu" ? closed.Children : null);
                    (stack.FirstOrDefault(b => b.Kind is not null)?.Children ?? top).Add(entry);
                }
            }
            else if (words[^1] == "{")
            {
                if (stack.Count >= MaxDepth)
                {
                    problems.Add($"line {lineNumber}: more than {MaxDepth} nested blocks; the rest of the file is not read");
                    break;
                }

                stack.Push(new Block(null, "", null)); // a function body
            }
            else if (inEntry && words.Count > 1 && LinuxCommands.Contains(words[0]))
            {
                var entry = stack.First(b => b.Kind == "menuentry");
                entry.Kernel ??= words[1];
            }
            else if (!inEntry && words.Count > 1 && words[0] == "set" && words[1].StartsWith("default=", StringComparison.Ordinal))
            {
                defaults.Add(words[1]["default=".Length..]);
            }
            else if (!inEntry && words[0] == "blscfg" && stack.All(b => b.Kind is null))
            {
                blsAt ??= top.Count;
            }
        }

        if (stack.Count > 0)
        {
            problems.Add($"{stack.Count} block(s) are not closed at the end of the file; the entries in them are not in the menu");
        }

        return new GrubConfig(top, defaults, blsAt, problems);
    }

    private static (string Title, string? Id) TitleAndId(List<string> words)
    {
        string? title = null;
        string? id = null;
        for (var i = 1; i < words.Count - 1; i++)
        {
            if (OptionsWithValue.Contains(words[i]))
            {
                if (words[i] is not ("--class" or "--users" or "--hotkey"))
                {
                    id = i + 1 < words.Count - 1 ? words[i + 1] : null;
                }

                i++;
            }
            else if (!words[i].StartsWith("--", StringComparison.Ordinal))
            {
                title ??= words[i];
            }
        }

        return (title ?? "", id);
    }
}
