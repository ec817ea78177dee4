using System.Text;
using System.Xml;

namespace Snapsight.Advisories.Update;

/// <summary>
/// The route to a yum repository's updateinfo: mirror.list names the repository (its first URL),
/// the repository's repodata/repomd.xml names the updateinfo file, whose name carries its checksum
/// and so changes with every release: there is no fixed URL to fetch.
/// </summary>
internal static class YumRepository
{
    /// <summary>The repository a mirror.list points at (first http(s) URL), with a trailing slash.</summary>
    public static Uri FromMirrorList(byte[] mirrorList, FeedRequest request)
    {
        foreach (var line in Encoding.UTF8.GetString(mirrorList).Split('\n'))
        {
            if (Uri.TryCreate(line.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
            }
        }

        throw request.Failure("the mirror list names no http(s) repository");
    }

    /// <summary>The updateinfo file repomd.xml lists, resolved against the repository and kept inside it.</summary>
    public static Uri UpdateInfo(Uri repository, byte[] repomd, FeedRequest request)
    {
        var href = UpdateInfoHref(repomd, request) ?? throw request.Failure("repomd.xml lists no updateinfo");
        if (!Uri.TryCreate(repository, href, out var location) || !location.AbsoluteUri.StartsWith(repository.AbsoluteUri, StringComparison.Ordinal))
        {
            throw request.Failure($"repomd.xml's updateinfo location {href} is outside the repository");
        }

        return location;
    }

    private static string? UpdateInfoHref(byte[] repomd, FeedRequest request)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = repomd.Length * 2L + 1 };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(repomd), settings);
            var inUpdateInfo = false;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.LocalName == "data")
                {
                    inUpdateInfo = reader.GetAttribute("type") == "updateinfo";
                }
                else if (inUpdateInfo && reader.LocalName == "location")
                {
                    return reader.GetAttribute("href");
                }
            }

            return null;
        }
        catch (XmlException e)
        {
            throw request.Failure($"repomd.xml is not readable XML: {e.Message}", e);
        }
    }
}
