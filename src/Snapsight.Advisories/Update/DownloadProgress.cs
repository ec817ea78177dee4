namespace Snapsight.Advisories.Update;

/// <summary>How far one file's download has got: bytes written so far, and the total when the server said.</summary>
public readonly record struct DownloadProgress(string Feed, string File, long Bytes, long? Total);
