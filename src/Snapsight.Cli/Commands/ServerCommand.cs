using System.CommandLine;

namespace Snapsight.Cli.Commands;

/// <summary>
/// <c>snapsight server [init] …</c>: the control plane runs on ASP.NET Core and EF Core, which need
/// the JIT, so it is its own executable (<c>snapsight-server</c>) and this verb replaces the process
/// with it, arguments unchanged: signals, exit codes and standard streams are the server's own.
/// </summary>
internal static class ServerCommand
{
    public const string Name = "server";

    /// <summary>Points at the server executable (or its .dll) when it is not installed beside snapsight.</summary>
    public const string LocationVariable = "SNAPSIGHT_SERVER";

    public static Command Build()
    {
        // Listed for `snapsight --help`; the arguments are parsed and explained by the server itself.
        var command = new Command(Name,
            "Run the Snapsight server (REST API, sign-in, subscriptions, connectors and accounts), or create its first " +
            "subscription with 'server init'. See 'snapsight server --help'.");
        command.TreatUnmatchedTokensAsErrors = false;
        return command;
    }

    /// <summary>Becomes the server process; returns only when that cannot be done, with the usage error code.</summary>
    public static int Exec(string[] args)
    {
        var server = Locate();
        if (server is null)
        {
            Console.Error.WriteLine($"snapsight: cannot find the snapsight-server executable beside snapsight; set {LocationVariable} to its path.");
            return CommandRunner.UsageError;
        }

        return ProcessReplacement.Exec(server, args.Skip(1));
    }

    /// <summary>The server executable (or its .dll, run by <c>dotnet</c>), or null when it cannot be found.</summary>
    internal static string? Locate()
    {
        if (Environment.GetEnvironmentVariable(LocationVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        // The all-verbs executable (ImageVerbsFront) lives one folder below the front, beside which the server is.
        var beside = AppContext.BaseDirectory;
        return new[]
        {
            Path.Combine(beside, "server", "snapsight-server"),
            Path.Combine(beside, "snapsight-server"),
            Path.Combine(beside, "..", "server", "snapsight-server"),
        }.Select(Path.GetFullPath).FirstOrDefault(File.Exists);
    }
}
