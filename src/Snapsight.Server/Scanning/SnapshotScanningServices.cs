using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Scans;

namespace Snapsight.Server.Scanning;

/// <summary>Gives the scan workflow its scanner and its result store (the workflow drives runs only once both are registered).</summary>
internal static class SnapshotScanningServices
{
    public static IServiceCollection AddSnapshotScanning(this IServiceCollection services, SnapshotScanSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<IScanExecutor, SnapshotScanExecutor>();
        services.AddScoped<IScanResultSink, ScanResultStore>();
        return services;
    }
}
