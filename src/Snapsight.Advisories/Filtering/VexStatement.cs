namespace Snapsight.Advisories.Filtering;

/// <summary>One OpenVEX statement reduced to what filtering needs: the vulnerability's names, the products' purls, the status and its justification.</summary>
public sealed record VexStatement(IReadOnlyList<string> Vulnerability, IReadOnlyList<string> Products, string Status, string? Justification);
