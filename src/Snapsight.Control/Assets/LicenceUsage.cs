namespace Snapsight.Control.Assets;

/// <summary>The licence at a moment: how many distinct addresses it allows and how many activated assets use.</summary>
public sealed record LicenceUsage(int Limit, int Used)
{
    /// <summary>Never negative, even when the licence was lowered below what is in use.</summary>
    public int Available => Math.Max(0, Limit - Used);

    /// <summary>The sentence a refusal shows: the limit and the usage, and what to do.</summary>
    public string ExhaustedMessage(string? address) =>
        $"The licence allows {Limit} distinct IP addresses and {Used} are in use"
        + (address is null ? "" : $"; activating {address} would need one more")
        + ". Deactivate an asset or extend the licence.";
}
