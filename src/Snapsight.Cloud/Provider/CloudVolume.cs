namespace Snapsight.Cloud.Provider;

/// <summary>A block volume attached to an instance.</summary>
/// <param name="Id">The volume id (<c>vol-…</c>).</param>
/// <param name="DeviceName">Where it is attached (<c>/dev/xvda</c>); the root volume is the instance's first.</param>
/// <param name="SizeBytes">Its size as the instance sees it.</param>
/// <param name="EncryptionKeyId">The key that encrypts it, or null when it is not encrypted.</param>
public sealed record CloudVolume(string Id, string DeviceName, long SizeBytes, string? EncryptionKeyId);
