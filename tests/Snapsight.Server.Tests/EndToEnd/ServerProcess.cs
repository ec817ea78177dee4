using System.Diagnostics;
using System.Runtime.InteropServices;
using Snapsight.Control.Persistence;
using Snapsight.Disk.Tests.Support;
using Snapsight.Server.Hosting;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.EndToEnd;

/// <summary>
/// A data folder set up with <c>snapsight server init</c> and served by <c>snapsight server</c> in a
/// process of its own on a loopback port it picks, on SQLite or on a fresh PostgreSQL database
/// (through SNAPSIGHT_POSTGRES, as an operator would configure it).
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string? postgres;
    private readonly string? existingDataDirectory;
    private Process? process;
    private Task<string>? stderr;

    public ServerProcess(DatabaseProvider provider)
    {
        postgres = provider == DatabaseProvider.PostgreSql ? TestDatabases.CreatePostgresDatabase() : null;
        Environment = postgres is null ? new Dictionary<string, string>() : new() { ["SNAPSIGHT_POSTGRES"] = postgres };
    }

    /// <summary>Serves a data folder something else set up (<c>snapsight demo</c>), on SQLite.</summary>
    public ServerProcess(string existingDataDirectory)
        : this(DatabaseProvider.Sqlite) => this.existingDataDirectory = existingDataDirectory;

    /// <summary>Not there until <c>init</c> makes it.</summary>
    public string DataDirectory => existingDataDirectory ?? temp.File("data");

    /// <summary>What both <c>init</c> and the server are started with; a test may add to it before the start.</summary>
    public Dictionary<string, string> Environment { get; }

    public string BaseUrl { get; private set; } = "";

    /// <summary>When set, each start's standard output (the request and application log) is appended to this file.</summary>
    public string? LogFile { get; init; }

    public SnapsightCommand.Result Init(string subscription, string username, string password) =>
        SnapsightCommand.Run(
            ["server", "init", "--data-dir", DataDirectory, "--subscription", subscription, "--username", username, "--password-stdin"],
            password + "\n", Environment);

    /// <summary>
    /// Starts <c>snapsight server</c> on port 0 and waits until it says where it listens; again after
    /// <see cref="KillAsync"/> too, each time on a new port. The kernel picks the port as it binds, so no test
    /// running beside can take it first, as one could between finding a free port and the server binding it.
    /// </summary>
    public async Task StartAsync()
    {
        Assert.False(process is { HasExited: false }, "the server is already running");
        process?.Dispose();
        process = SnapsightCommand.Start(["server", "--data-dir", DataDirectory, "--urls", "http://127.0.0.1:0"], Environment);
        stderr = process.StandardError.ReadToEndAsync();
        var listening = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The request log goes to stdout too; it is drained to the end so the server never blocks on a full pipe.
        _ = ReadOutputAsync(process.StandardOutput, LogFile, listening);
        var said = await Task.WhenAny(listening.Task, Task.Delay(TimeSpan.FromMinutes(1))) == listening.Task;
        Assert.True(said, "snapsight server did not say where it listens in a minute");
        var address = await listening.Task;
        if (address is null)
        {
            Assert.Fail($"snapsight server did not start: {await stderr}");
        }

        BaseUrl = address;
    }

    /// <summary>Answers the first address the server printed (null if it printed none), appending every line to the log file if any.</summary>
    private static async Task ReadOutputAsync(StreamReader output, string? logFile, TaskCompletionSource<string?> listening)
    {
        try
        {
            await using var log = logFile is null
                ? null
                : new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
            while (await output.ReadLineAsync() is { } line)
            {
                if (ListeningLine.Address(line) is { } address)
                {
                    listening.TrySetResult(address);
                }

                if (log is not null)
                {
                    await log.WriteLineAsync(line);
                }
            }
        }
        finally
        {
            // Also when the log or the pipe fails: the start-up then reports the server's stderr at once, not a minute's timeout.
            listening.TrySetResult(null);
        }
    }

    /// <summary>Sends SIGTERM, as a service manager would, and answers the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        Assert.NotNull(process);
        Assert.Equal(0, Kill(process.Id, SigTerm));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    /// <summary>Sends SIGKILL, as a crash or power cut would end it: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        Assert.NotNull(process);
        Assert.Equal(0, Kill(process.Id, SigKill));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        if (postgres is not null)
        {
            TestDatabases.DropPostgresDatabase(postgres);
        }

        temp.Dispose();
    }

    private const int SigTerm = 15;
    private const int SigKill = 9;

    // Not /bin/kill: procps is not on every machine the tests run on.
    [DllImport("libc", EntryPoint = "kill")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
