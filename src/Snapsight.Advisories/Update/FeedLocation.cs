namespace Snapsight.Advisories.Update;

/// <summary>
/// A mirror of the upstream feeds, given to <c>db update --mirror</c> as an http(s) URL, a
/// file:// URL or a plain directory. A mirror keeps the upstream layout under one folder per
/// host: <c>https://host/some/path</c> is looked for at <c>&lt;mirror&gt;/host/some/path</c>, so
/// a copy made with <c>wget --mirror</c> (which lays files out the same way) serves as one.
/// </summary>
public sealed class FeedLocation
{
    private FeedLocation(Uri root)
    {
        Root = root;
    }

    /// <summary>The mirror's base, always ending in a slash.</summary>
    public Uri Root { get; }

    /// <summary>Whether files are read from the local file system rather than fetched over HTTP.</summary>
    public bool IsLocal => Root.IsFile;

    public static FeedLocation Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "file")
        {
            return new FeedLocation(WithTrailingSlash(uri));
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            throw new ArgumentException($"a mirror is an http(s) URL, a file:// URL or a directory, not {text}", nameof(text));
        }

        return new FeedLocation(WithTrailingSlash(new Uri(Path.GetFullPath(text))));
    }

    /// <summary>Where this mirror keeps the file that upstream serves at <paramref name="upstream"/> (its query, if any, is not part of the layout).</summary>
    public Uri Map(Uri upstream) => new(Root, upstream.Host + upstream.AbsolutePath);

    public override string ToString() => Root.ToString();

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
}
