using System.Text;

namespace Snapsight.Cloud.Aws.Templates;

/// <summary>A list of <c>key=value</c> tags: each a valid <see cref="ScanTag"/>, none twice, bounded in count and size.</summary>
public static class ScanTagList
{
    /// <summary>CloudFormation's quota on a parameter value; each tag list is one parameter.</summary>
    public const int MaxParameterBytes = 4096;

    /// <summary>Parses every tag; <paramref name="field"/> names the list in errors (and <c>field[i]</c> a tag).</summary>
    public static ScanTag[] Parse(string field, IReadOnlyList<string>? texts)
    {
        if (texts is null)
        {
            return [];
        }

        if (texts.Count > TagFilter.MaxTagsPerList)
        {
            throw new TemplateParameterException(field, $"has {texts.Count} tags; at most {TagFilter.MaxTagsPerList} are allowed");
        }

        var tags = texts.Select((text, i) => ScanTag.Parse(text, $"{field}[{i}]")).ToArray();
        var twice = tags.GroupBy(t => t).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new TemplateParameterException(field, $"tag '{twice.Key}' is given twice");
        }

        var bytes = Encoding.UTF8.GetByteCount(string.Join(',', tags));
        return bytes <= MaxParameterBytes
            ? tags
            : throw new TemplateParameterException(field, $"the tags take {bytes} bytes; a CloudFormation parameter holds at most {MaxParameterBytes}");
    }
}
