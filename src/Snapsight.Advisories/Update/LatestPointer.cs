using System.Text;

namespace Snapsight.Advisories.Update;

/// <summary>A file such as Red Hat's archive_latest.txt that names the current archive beside it.</summary>
internal static class LatestPointer
{
    /// <summary>The archive named by <paramref name="pointer"/>: a bare file name, so it cannot lead anywhere but beside the pointer.</summary>
    public static Uri Target(Uri pointerUrl, byte[] pointer, FeedRequest request)
    {
        var name = Encoding.UTF8.GetString(pointer).Trim();
        if (name.Length is 0 or > 255 || name.StartsWith('.') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw request.Failure("does not name an archive beside it");
        }

        return new Uri(pointerUrl, name);
    }
}
