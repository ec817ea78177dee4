using Snapsight.Cloud.Aws.Templates;

namespace Snapsight.Control.Accounts;

/// <summary>
/// <c>{tagKey, tagValue}</c> lists, checked with the templates' own tag rules (<see cref="ScanTagList"/>):
/// a call-back's tags are the template's tags, so they obey the same bounds.
/// </summary>
public static class AccountTags
{
    /// <summary>The tags as <c>key=value</c>; throws <see cref="TemplateParameterException"/> naming <c>field[i]</c>.</summary>
    public static List<string> Parse(string field, IReadOnlyList<AccountTag?>? tags)
    {
        if (tags is null)
        {
            return [];
        }

        var texts = new List<string>(Math.Min(tags.Count, TagFilter.MaxTagsPerList + 1));
        foreach (var (tag, i) in tags.Take(TagFilter.MaxTagsPerList + 1).Select((t, i) => (t, i)))
        {
            // ScanTag splits at the first '=', so a key holding one would silently become another tag.
            if (tag?.TagKey is null || tag.TagKey.Contains('=', StringComparison.Ordinal))
            {
                throw new TemplateParameterException($"{field}[{i}].tagKey", "give a tag key without '='");
            }

            texts.Add(tag.TagKey + "=" + (tag.TagValue ?? ""));
        }

        return texts.Count > TagFilter.MaxTagsPerList
            ? throw new TemplateParameterException(field, $"has {tags.Count} tags; at most {TagFilter.MaxTagsPerList} are allowed")
            : [.. ScanTagList.Parse(field, texts).Select(t => t.ToString())];
    }

    /// <summary>Stored <c>key=value</c> text back in the API's shape.</summary>
    public static IReadOnlyList<AccountTag> Show(IEnumerable<string> stored) =>
        [.. stored.Select(t => t.Split('=', 2)).Select(p => new AccountTag(p[0], p[1]))];
}
