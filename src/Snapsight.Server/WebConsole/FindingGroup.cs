using Snapsight.Advisories.Model;

namespace Snapsight.Server.WebConsole;

/// <summary>The current findings of one vulnerability or one package across the fleet, as the grouped findings list shows them.</summary>
public sealed record FindingGroup(string Key, int Findings, int Assets, Severity HighestSeverity, double? HighestEpss, bool Kev);
