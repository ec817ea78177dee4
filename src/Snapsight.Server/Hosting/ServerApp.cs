using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Snapsight.Control;
using Snapsight.Control.Persistence;
using Snapsight.Server.Accounts;
using Snapsight.Server.Api;
using Snapsight.Server.Assessments;
using Snapsight.Server.Assets;
using Snapsight.Server.Audit;
using Snapsight.Server.Auth;
using Snapsight.Server.Discovery;
using Snapsight.Server.Findings;
using Snapsight.Server.Scanning;
using Snapsight.Server.Scans;
using Snapsight.Server.Templates;
using Snapsight.Server.Tokens;
using Snapsight.Server.Users;
using Snapsight.Server.WebConsole;

namespace Snapsight.Server.Hosting;

/// <summary>Builds the web application: the control plane's services, authentication, and every endpoint group.</summary>
public static class ServerApp
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static WebApplication Build(ServerOptions options, Action<IServiceCollection>? overrides = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = options.DataDirectory,
            // The console's compiled pages are found through the application's assembly, whoever hosts it (tests too).
            ApplicationName = typeof(ServerApp).Assembly.GetName().Name,
            // Not reloaded on change: the watcher behind it follows the whole data folder, so every SQLite journal
            // and local-cloud snapshot file woke it; an appsettings.json there is still read at start.
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.WebHost.UseUrls(options.Urls);
        // No request to the control plane carries more than a few KiB; Kestrel's default is 30 MB.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Logging.ClearProviders().AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

        builder.Services.AddControlPlane(options.Control);
        // ASP.NET Core's own keys (not the access-token key) stay in the data folder, not the user's home.
        builder.Services.AddDataProtection().PersistKeysToFileSystem(
            new DirectoryInfo(Path.Combine(options.DataDirectory, "data-protection-keys")));
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi("v1");
        builder.Services.AddSnapsightAuthentication();
        builder.Services.AddScoped<TemplateDownload>();
        builder.Services.AddInstanceEventRateLimit(options.Control.Discovery);
        builder.Services.AddScoped<SubscriptionTokenActions>();
        builder.Services.AddScoped<ConnectorActions>();
        builder.Services.AddScoped<AccountActions>();
        builder.Services.AddScoped<UserActions>();
        builder.Services.AddSnapsightConsole();
        builder.Services.AddApiAssessments(options.Scanning);
        if (options.Control.Discovery.Enabled)
        {
            builder.Services.AddSingleton(options.Control.Discovery);
            builder.Services.AddHostedService<DiscoveryService>();
        }

        if (options.Control.Scans.Enabled)
        {
            builder.Services.AddSnapshotScanning(options.Scanning);
            builder.Services.AddHostedService<ScanWorkflowService>();
        }

        overrides?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseConsoleHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization: limits are per subscription, which only an authenticated caller has.
        app.UseRateLimiter();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapSignIn();
        app.MapSubscriptionTokens();
        app.MapSubscriptionApi();
        app.MapTemplates();
        app.MapAssetApi();
        app.MapScanRequestApi();
        app.MapResultApi();
        app.MapApiAssessments();
        app.MapScanApi();
        app.MapUserApi();
        app.MapAuditApi();
        app.MapAccounts();
        app.MapDiscovery();
        app.MapConsole();
        return app;
    }

    /// <summary>Brings the database schema up to date before the first request.</summary>
    public static async Task PrepareAsync(WebApplication app, CancellationToken ct)
    {
        // A bad key file stops the start here, with a clear message, rather than failing the first request.
        app.Services.GetRequiredService<Snapsight.Control.Identity.SigningKey>();
        await using var scope = app.Services.CreateAsyncScope();
        await ControlServices.MigrateAsync(scope.ServiceProvider.GetRequiredService<ControlDbContext>(), ct).ConfigureAwait(false);
    }
}
