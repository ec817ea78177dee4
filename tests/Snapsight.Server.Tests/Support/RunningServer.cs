using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control;
using Snapsight.Control.Persistence;
using Snapsight.Disk.Tests.Support;
using Snapsight.Server.Hosting;

namespace Snapsight.Server.Tests.Support;

/// <summary>
/// A real Snapsight server on Kestrel, on a free loopback port, over a fresh SQLite or PostgreSQL
/// database: requests go over real HTTP, exactly as curl's would.
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly TempDirectory dataDirectory = new();
    private readonly string? postgres;
    private readonly WebApplication app;

    private RunningServer(DatabaseProvider provider, Func<ControlSettings, ControlSettings>? configure,
        Action<IServiceCollection>? overrides)
    {
        Provider = provider;
        postgres = provider == DatabaseProvider.PostgreSql ? TestDatabases.CreatePostgresDatabase() : null;
        var control = ControlSettings.ForDataDirectory(dataDirectory.Path, postgres);
        var options = new ServerOptions(dataDirectory.Path, "http://127.0.0.1:0", configure?.Invoke(control) ?? control);
        app = ServerApp.Build(options, overrides);
    }

    public DatabaseProvider Provider { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => app.Services;

    public string DataDirectory => dataDirectory.Path;

    public static async Task<RunningServer> StartAsync(DatabaseProvider provider,
        Func<ControlSettings, ControlSettings>? configure = null, Action<IServiceCollection>? overrides = null)
    {
        var server = new RunningServer(provider, configure, overrides);
        await ServerApp.PrepareAsync(server.app, CancellationToken.None);
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        server.BaseAddress = new Uri(address + "/");
        return server;
    }

    public HttpClient Client() => new() { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        if (postgres is not null)
        {
            TestDatabases.DropPostgresDatabase(postgres);
        }

        dataDirectory.Dispose();
    }
}
