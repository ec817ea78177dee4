using Snapsight.Compliance.Assessment;
using Snapsight.Inventory.Os;

namespace Snapsight.Scanning;

/// <summary>What the compliance reports show: the target's name and system, the data stream's file name, and the assessment.</summary>
public sealed record ComplianceReport(string Target, OperatingSystemInfo? Os, string DataStream, ComplianceAssessment Assessment);
