namespace Snapsight.Control.Results;

/// <summary>One advisory stretch a finding's version fell in: the feed record ("osv:AlmaLinux ALSA-2022:6206") and its bounds.</summary>
public sealed record RunMatch(string Advisory, string? Introduced, string? Fixed, string? LastAffected);
