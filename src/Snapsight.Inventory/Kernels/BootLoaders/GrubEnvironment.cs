using System.Text;

namespace Snapsight.Inventory.Kernels.BootLoaders;

/// <summary>
/// GRUB's environment block (grubenv), as grub-editenv writes it: the signature line
/// "# GRUB Environment Block", then <c>name=value</c> lines (a backslash escapes the next
/// character, a newline included), padded with '#' to exactly <see cref="BlockSize"/> bytes.
/// GRUB checks only the signature, so a block of another size is read and reported. Pure;
/// variables past <see cref="MaxVariables"/> are ignored.
/// </summary>
internal sealed record GrubEnvironment(IReadOnlyDictionary<string, string> Variables, IReadOnlyList<string> Problems)
{
    public const int BlockSize = 1024;
    public const int MaxVariables = 1024;
    private const string Signature = "# GRUB Environment Block\n";

    public string? Get(string name) => Variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public static GrubEnvironment Parse(ReadOnlySpan<byte> block)
    {
        var problems = new List<string>();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!block.StartsWith(Encoding.ASCII.GetBytes(Signature)))
        {
            return new GrubEnvironment(variables, ["does not start with the GRUB environment block signature; GRUB would ignore it"]);
        }

        if (block.Length != BlockSize)
        {
            problems.Add($"is {block.Length} bytes, not the {BlockSize} grub-editenv writes");
        }

        var text = Encoding.UTF8.GetString(block[Signature.Length..]);
        var line = new StringBuilder();
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n')
            {
                Add(line.ToString());
                line.Clear();
            }
            else if (text[i] == '\\' && i + 1 < text.Length)
            {
                line.Append(text[++i]);
            }
            else
            {
                line.Append(text[i]);
            }
        }

        return new GrubEnvironment(variables, problems);

        void Add(string assignment)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (assignment.StartsWith('#') || equals <= 0)
            {
                return;
            }

            if (variables.Count >= MaxVariables)
            {
                if (problems.Count == 0 || !problems[^1].StartsWith("more than", StringComparison.Ordinal))
                {
                    problems.Add($"more than {MaxVariables} variables; the rest are ignored");
                }

                return;
            }

            variables[assignment[..equals]] = assignment[(equals + 1)..];
        }
    }
}
