namespace Snapsight.Server.Hosting;

/// <summary>
/// The line <c>snapsight server</c> prints on standard output for each address it listens on, once it accepts
/// connections, whatever the log level: with port 0 in <c>--urls</c> it is the only way to learn the port
/// (docs/control/server.md). Snapsight.Cli, whose demo starts the server and cannot reference this executable,
/// compiles this file too, so the server and what reads its line share one definition.
/// </summary>
internal static class ListeningLine
{
    public const string Prefix = "snapsight server: listening on ";

    public static string For(string address) => Prefix + address;

    /// <summary>The address a listening line names; null for any other line.</summary>
    public static string? Address(string line) => line.StartsWith(Prefix, StringComparison.Ordinal) ? line[Prefix.Length..] : null;
}
