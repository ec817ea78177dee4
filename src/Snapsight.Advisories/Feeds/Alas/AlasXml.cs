using System.Text;
using System.Xml;

namespace Snapsight.Advisories.Feeds.Alas;

/// <summary>The XmlReader settings every ALAS read uses (no DTD, so no entity expansion; no resolver, so nothing fetched) and a text read with a length cap.</summary>
internal static class AlasXml
{
    public static XmlReaderSettings Settings(bool closeInput) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = AlasLimits.MaxDocumentChars,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = closeInput,
    };

    /// <summary>The text of the element the reader is on, read in chunks (through the caller's reused <paramref name="chunk"/>) so a huge one is refused before it is held; leaves the reader on the element's end.</summary>
    public static string ReadText(XmlReader reader, char[] chunk, string where)
    {
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        while (reader.Read() && reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
        {
            int read;
            while ((read = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
            {
                if (text.Length + read > AlasLimits.MaxTextChars)
                {
                    throw new FeedFormatException(AlasFeedFormat.FormatName, where, $"a text over {AlasLimits.MaxTextChars} characters");
                }

                text.Append(chunk, 0, read);
            }
        }

        return text.ToString();
    }
}
