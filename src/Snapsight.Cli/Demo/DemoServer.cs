using System.Diagnostics;
using System.Runtime.InteropServices;
using Snapsight.Cli.Commands;
using Snapsight.Server.Hosting;

namespace Snapsight.Cli.Demo;

/// <summary>
/// <c>snapsight-server</c> as a child process of the demo, on SQLite in the demo's data folder:
/// <c>server init</c> once, then the server itself until the demo stops it with SIGTERM (so it
/// finishes its requests and exits cleanly, as a service manager would stop it).
/// </summary>
internal sealed partial class DemoServer : IAsyncDisposable
{
    private const int SigTerm = 15;

    private readonly string executable;
    private readonly string dataDirectory;
    private Process? process;
    private Task<string>? errors;

    private DemoServer(string executable, string dataDirectory)
    {
        this.executable = executable;
        this.dataDirectory = dataDirectory;
    }

    /// <summary>Finds the server the way <c>snapsight server</c> does; a <see cref="UsageException"/> when it is not there.</summary>
    public static DemoServer Locate(string dataDirectory) =>
        new(ServerCommand.Locate() ?? throw new UsageException(
            $"cannot find the snapsight-server executable beside snapsight; set {ServerCommand.LocationVariable} to its path"), dataDirectory);

    /// <summary><c>snapsight server init</c>, the password on standard input; its one line of output is passed on.</summary>
    public async Task InitAsync(string subscription, string username, string password, CancellationToken ct)
    {
        using var init = Process.Start(StartInfo(["init", "--data-dir", dataDirectory, "--subscription", subscription, "--username", username,
            "--password-stdin"], redirectStdin: true)) ?? throw new DemoException($"cannot start {executable}");
        var stdout = init.StandardOutput.ReadToEndAsync(ct);
        var stderr = init.StandardError.ReadToEndAsync(ct);
        await init.StandardInput.WriteLineAsync(password.AsMemory(), ct).ConfigureAwait(false);
        init.StandardInput.Close();
        await init.WaitForExitAsync(ct).ConfigureAwait(false);
        if (init.ExitCode != 0)
        {
            throw new DemoException($"server init failed ({init.ExitCode}): {(await stderr.ConfigureAwait(false)).Trim()}");
        }

        Console.Out.Write(await stdout.ConfigureAwait(false));
    }

    /// <summary>
    /// Starts the server on <paramref name="urls"/> and answers the first address it says it listens on, the port
    /// it bound when the URL asked for port 0.
    /// </summary>
    public async Task<string> StartAsync(string urls, CancellationToken ct)
    {
        process = Process.Start(StartInfo(["--data-dir", dataDirectory, "--urls", urls], redirectStdin: false))
            ?? throw new DemoException($"cannot start {executable}");
        errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var listening = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = ReadOutputAsync(process.StandardOutput, listening);
        var said = await Task.WhenAny(listening.Task, Task.Delay(TimeSpan.FromMinutes(1), ct)).ConfigureAwait(false) == listening.Task;
        ct.ThrowIfCancellationRequested();
        if (!said)
        {
            throw new DemoException($"the server did not say where it listens on {urls} within a minute");
        }

        if (await listening.Task.ConfigureAwait(false) is { } address)
        {
            return address;
        }

        var error = (await errors.ConfigureAwait(false)).Trim();
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        throw new DemoException($"the server stopped at start-up ({process.ExitCode}): {error}");
    }

    /// <summary>
    /// Answers the first address the server prints (null if it ends first), and drains the rest of its standard
    /// output, the request log, so the server never blocks on a full pipe.
    /// </summary>
    private static async Task ReadOutputAsync(StreamReader output, TaskCompletionSource<string?> listening)
    {
        try
        {
            while (await output.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (ListeningLine.Address(line) is { } address)
                {
                    listening.TrySetResult(address);
                }
            }
        }
        finally
        {
            // Also when the pipe fails: the start-up then reports the server's stderr, not a minute's timeout.
            listening.TrySetResult(null);
        }
    }

    /// <summary>SIGTERM, then waits for the exit (killing it after 30 seconds).</summary>
    public async ValueTask DisposeAsync()
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            _ = Kill(process.Id, SigTerm);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        process.Dispose();
    }

    private ProcessStartInfo StartInfo(IEnumerable<string> arguments, bool redirectStdin)
    {
        var dll = executable.EndsWith(".dll", StringComparison.Ordinal);
        var start = new ProcessStartInfo(dll ? "dotnet" : executable)
        {
            RedirectStandardInput = redirectStdin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (dll)
        {
            start.ArgumentList.Add(executable);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The demo is the embedded default: SQLite and the local cloud in its own folder, whatever this shell points at.
        start.Environment.Remove("SNAPSIGHT_POSTGRES");
        start.Environment.Remove("SNAPSIGHT_CLOUD");
        return start;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
