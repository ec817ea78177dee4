namespace Snapsight.Cloud.Provider;

/// <summary>
/// The one exception an <see cref="ICloudProvider"/> throws for a failed call. It is an
/// <see cref="IOException"/> because a provider is a remote store: a snapshot read that fails
/// inside the disk stack surfaces as a device error there, with <see cref="IsTransient"/> intact.
/// </summary>
public sealed class CloudProviderException : IOException
{
    public CloudProviderException(CloudErrorCode code, string? resourceId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        ResourceId = resourceId;
    }

    public CloudErrorCode Code { get; }

    /// <summary>The account, instance, volume or snapshot the error is about, when there is one.</summary>
    public string? ResourceId { get; }

    public bool IsTransient => CloudErrorCodes.IsTransient(Code);

    /// <summary>
    /// The encryption key whose policy refused the call (an access denial caused by a key, not by
    /// the role), when the provider knows it: the run's reason is then access_denied_to_encryption_key.
    /// </summary>
    public string? EncryptionKeyId { get; init; }

    public static CloudProviderException NotFound(string resourceId, string what) =>
        new(CloudErrorCode.NotFound, resourceId, $"{what} {resourceId} does not exist or is not visible to the caller");
}
