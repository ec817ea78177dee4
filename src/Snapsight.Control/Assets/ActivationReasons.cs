namespace Snapsight.Control.Assets;

/// <summary>Why an asset is not activated: stable words the API returns and filters may use.</summary>
public static class ActivationReasons
{
    /// <summary>Every licensed address is in use and the asset's would be one more.</summary>
    public const string LicenceExhausted = "licence_exhausted";

    /// <summary>The asset has no address for the licence to count (e.g. a terminated instance).</summary>
    public const string NoIpAddress = "no_ip_address";
}
