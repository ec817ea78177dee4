namespace Snapsight.Inventory.Kernels.BootLoaders;

/// <summary>
/// The words of one GRUB script line after quote removal, as GRUB's lexer splits them (GRUB
/// manual, "Shell-like scripting"): white space separates words, single quotes keep everything,
/// double quotes and backslash escape, and a word starting with # begins a comment. Variables
/// ("$saved_entry", "${next_entry}") are kept as written, not expanded. At most
/// <see cref="MaxWords"/> words: a line with more is hostile, and its tail is ignored.
/// </summary>
internal static class GrubWords
{
    public const int MaxWords = 64;

    public static List<string> Split(ReadOnlySpan<char> line)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        var inWord = false;
        var i = 0;
        while (i < line.Length && words.Count < MaxWords)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c))
            {
                Finish();
                i++;
            }
            else if (c == '#' && !inWord)
            {
                break;
            }
            else if (c == '\'')
            {
                var end = line[(i + 1)..].IndexOf('\'');
                var stop = end < 0 ? line.Length : i + 1 + end;
                word.Append(line[(i + 1)..stop]);
                inWord = true;
                i = stop + 1;
            }
            else if (c == '"')
            {
                inWord = true;
                i++;
                while (i < line.Length && line[i] != '"')
                {
                    if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$')
                    {
                        i++;
                    }

                    word.Append(line[i]);
                    i++;
                }

                i++;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                word.Append(line[i + 1]);
                inWord = true;
                i += 2;
            }
            else
            {
                word.Append(c);
                inWord = true;
                i++;
            }
        }

        Finish();
        return words;

        void Finish()
        {
            if (inWord && words.Count < MaxWords)
            {
                words.Add(word.ToString());
            }

            word.Clear();
            inWord = false;
        }
    }
}
