namespace Snapsight.Server.Tests.Scans;

/// <summary>The process was killed: not an error any layer handles.</summary>
public sealed class SimulatedCrashException() : Exception("simulated crash");
