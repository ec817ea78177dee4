using System.Diagnostics;
using System.Reflection;

namespace Snapsight.Server.Tests.EndToEnd;

/// <summary>
/// The real <c>snapsight</c> CLI in a process of its own, pointed at the built server through
/// SNAPSIGHT_SERVER, so <c>snapsight server …</c> goes through the same hand-over a user's does.
/// </summary>
public static class SnapsightCommand
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string CliPath => BuildOutput("SnapsightCli");

    public static string ServerPath => BuildOutput("SnapsightServer");

    /// <summary>Runs to completion with <paramref name="stdin"/> (closed when null), within <paramref name="timeout"/> (two minutes when null).</summary>
    public static Result Run(IEnumerable<string> arguments, string? stdin = null, IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        using var process = Start(arguments, environment, redirectStdin: true);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"snapsight did not finish in {limit.TotalMinutes} minutes");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts a long-running command (the server); the caller stops it.</summary>
    public static Process Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, bool redirectStdin = false)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectStdin,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SNAPSIGHT_SERVER"] = ServerPath;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start snapsight");
    }

    private static string BuildOutput(string key)
    {
        var path = typeof(SnapsightCommand).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == key).Value!;
        return File.Exists(path) ? Path.GetFullPath(path) : throw new FileNotFoundException($"build {key} first", path);
    }
}
