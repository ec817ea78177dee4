namespace Snapsight.Cloud.Aws.Signing;

/// <summary>
/// The parts of an HTTP request that Signature Version 4 covers. <see cref="Path"/> is the path as
/// it is sent (the signer encodes it once more, as AWS does for every service but S3);
/// <see cref="Query"/> holds decoded names and values; <see cref="Headers"/> are the headers to
/// sign, in any case and order, a name possibly repeated; <see cref="PayloadHash"/> is the
/// lowercase hex SHA-256 of the body.
/// </summary>
public sealed record SigV4Request(
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string PayloadHash)
{
    /// <summary>The SHA-256 of an empty body, what every EBS read request carries.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
}
