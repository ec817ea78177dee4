using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Snapsight.Control.Persistence;
using Snapsight.Disk.Tests.Support;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.EndToEnd;

/// <summary>
/// A data folder set up with <c>snapsight server init</c> and served by <c>snapsight server</c> in a
/// process of its own on a free loopback port, on SQLite or on a fresh PostgreSQL database
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

    /// <summary>Starts <c>snapsight server</c> and waits until it answers; again after <see cref="KillAsync"/> too.</summary>
    public async Task StartAsync()
    {
        Assert.False(process is { HasExited: false }, "the server is already running");
        process?.Dispose();
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
        process = SnapsightCommand.Start(["server", "--data-dir", DataDirectory, "--urls", BaseUrl], Environment);
        // The request log goes to stdout; it is drained so the server never blocks on a full pipe.
        _ = LogFile is null ? process.StandardOutput.BaseStream.CopyToAsync(Stream.Null) : AppendAsync(process.StandardOutput.BaseStream, LogFile);
        stderr = process.StandardError.ReadToEndAsync();
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl + "/openapi/v1.json"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        Assert.Fail($"snapsight server did not start: {(process.HasExited ? await stderr : "no answer in a minute")}");
    }

    private static async Task AppendAsync(Stream output, string path)
    {
        await using var log = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        await output.CopyToAsync(log);
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

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
