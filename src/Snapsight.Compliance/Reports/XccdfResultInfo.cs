namespace Snapsight.Compliance.Reports;

/// <summary>What a TestResult says besides the assessment: the target's name, the data stream's file name, our version.</summary>
public sealed record XccdfResultInfo(string Target, string DataStreamName, string ToolVersion);
