using System.Text;

namespace Snapsight.Cloud.Aws.Templates;

/// <summary>
/// One <c>key=value</c> instance tag of a scan filter. Parsing enforces what AWS enforces on tags
/// (key 1..128 characters, value 0..256, no <c>aws:</c> keys) plus what makes filters exact:
/// no space or tab at either end, no <c>*</c> wildcard at either end, no control characters, and no
/// comma (the templates carry tag lists as comma-separated parameters).
/// </summary>
public sealed record ScanTag
{
    public const int MaxKeyLength = 128;
    public const int MaxValueLength = 256;

    private ScanTag(string key, string value)
    {
        Key = key;
        Value = value;
    }

    public string Key { get; }

    public string Value { get; }

    /// <summary>Parses <c>key=value</c> (split at the first <c>=</c>); <paramref name="field"/> names it in errors.</summary>
    public static ScanTag Parse(string? text, string field)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new TemplateParameterException(field, "the tag is empty; write it as key=value");
        }

        // A character may take two UTF-16 units; the exact bounds are counted in characters below.
        if (text.Length > (2 * (MaxKeyLength + MaxValueLength)) + 1)
        {
            throw new TemplateParameterException(field, $"the tag is {text.Length} characters long, more than a key and value can be");
        }

        if (text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') && !IsValidUnicode(text))
        {
            throw new TemplateParameterException(field, "the tag has a lone surrogate: it is not valid Unicode text");
        }

        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            throw new TemplateParameterException(field, $"tag '{text}' has no '='; write it as key=value");
        }

        var key = text[..equals];
        var value = text[(equals + 1)..];
        Check(text, field, "key", key, MaxKeyLength);
        Check(text, field, "value", value, MaxValueLength);
        if (key.Length == 0)
        {
            throw new TemplateParameterException(field, $"tag '{text}' has an empty key");
        }

        if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            throw new TemplateParameterException(field, $"tag '{text}' has a key starting with 'aws:', which AWS reserves for itself");
        }

        return new ScanTag(key, value);
    }

    private static void Check(string text, string field, string part, string s, int maxLength)
    {
        if (s.Length > 0 && (char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1])))
        {
            throw new TemplateParameterException(field, $"tag '{text}' has a space or tab at the start or end of its {part}");
        }

        if (s.StartsWith('*') || s.EndsWith('*'))
        {
            throw new TemplateParameterException(field, $"tag '{text}' has a '*' wildcard at the start or end of its {part}; filters match tags exactly");
        }

        var length = 0;
        foreach (var rune in s.EnumerateRunes())
        {
            length++;
            if (Rune.IsControl(rune) || rune.Value == ',')
            {
                var what = rune.Value == ',' ? "a comma" : $"the control character U+{rune.Value:X4}";
                throw new TemplateParameterException(field, $"tag '{text}' has {what} in its {part}");
            }
        }

        if (length > maxLength)
        {
            throw new TemplateParameterException(field, $"tag '{text}' has a {part} of {length} characters; AWS allows at most {maxLength}");
        }
    }

    private static bool IsValidUnicode(string text) =>
        System.Text.Unicode.Utf8.FromUtf16(text, new byte[Encoding.UTF8.GetMaxByteCount(text.Length)], out _, out _, replaceInvalidSequences: false)
            == System.Buffers.OperationStatus.Done;

    /// <summary>The tag as <c>key=value</c>, the form <see cref="Parse"/> reads.</summary>
    public override string ToString() => Key + "=" + Value;
}
