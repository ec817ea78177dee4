using System.Text;

namespace Snapsight.Inventory.Sbom;

/// <summary>
/// Recognises the licence strings that are valid SPDX licence expressions (SPDX 2.3 annex D):
/// licence identifiers from the SPDX list, each optionally followed by "+", joined by AND and
/// OR with parentheses. Package databases also hold free text ("GPLv2+ and BSD", "see
/// copyright"), which must not pass as an expression. WITH and LicenseRef- are refused: we carry
/// no exception list, and a LicenseRef would need a licence text the SBOM does not hold.
/// </summary>
public static class SpdxLicenseExpression
{
    /// <summary>Licence fields come from the disk: longer ones, or deeper nesting, are not worth parsing.</summary>
    private const int MaxLength = 1024;
    private const int MaxDepth = 16;

    /// <summary>The expression with every identifier spelt as the SPDX list spells it, or null when the text is not a valid expression.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return null;
        }

        var parser = new Parser(Tokenize(text));
        var output = new StringBuilder(text.Length);
        return parser.Or(output, 0) && parser.AtEnd ? output.ToString() : null;
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (c is ' ' or '\t' or '(' or ')')
            {
                if (start >= 0)
                {
                    tokens.Add(text[start..i]);
                    start = -1;
                }

                if (c is '(' or ')')
                {
                    tokens.Add(c.ToString());
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        return tokens;
    }

    /// <summary>Recursive descent over OR (loosest), AND, then a licence or a parenthesised expression.</summary>
    private sealed class Parser(List<string> tokens)
    {
        private int position;

        public bool AtEnd => position == tokens.Count;

        public bool Or(StringBuilder output, int depth) => Chain(output, depth, "OR", And);

        private bool And(StringBuilder output, int depth) => Chain(output, depth, "AND", Atom);

        private bool Chain(StringBuilder output, int depth, string operatorWord, Func<StringBuilder, int, bool> operand)
        {
            if (!operand(output, depth))
            {
                return false;
            }

            while (position < tokens.Count && tokens[position] == operatorWord)
            {
                position++;
                output.Append(' ').Append(operatorWord).Append(' ');
                if (!operand(output, depth))
                {
                    return false;
                }
            }

            return true;
        }

        private bool Atom(StringBuilder output, int depth)
        {
            if (position >= tokens.Count)
            {
                return false;
            }

            var token = tokens[position++];
            if (token == "(")
            {
                output.Append('(');
                if (depth >= MaxDepth || !Or(output, depth + 1) || position >= tokens.Count || tokens[position++] != ")")
                {
                    return false;
                }

                output.Append(')');
                return true;
            }

            if (SpdxLicenseIds.Canonical(token) is { } exact)
            {
                output.Append(exact);
                return true;
            }

            // "id+": this version or any later one.
            if (token.Length > 1 && token[^1] == '+' && SpdxLicenseIds.Canonical(token[..^1]) is { } stem)
            {
                output.Append(stem).Append('+');
                return true;
            }

            return false;
        }
    }
}
