namespace Snapsight.Cli;

/// <summary>A problem the user can fix (a wrong path, a partition that does not exist): exit code 2, one clear sentence on stderr.</summary>
internal sealed class UsageException(string message) : Exception(message);
