namespace Snapsight.Cli.Demo;

/// <summary>A step of the demo the server refused or could not do: exit code 1 and the server's answer on stderr.</summary>
internal sealed class DemoException(string message) : Exception(message);
