using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Snapsight.Cloud.Local;
using Snapsight.Cloud.Provider;

namespace Snapsight.Control.Scans;

/// <summary>
/// The scan workflow's services. The cloud is the server's (<see cref="ControlSettings.AddCloud"/>) unless one is
/// registered before; <see cref="IScanExecutor"/> and <see cref="IScanResultSink"/> are the
/// scanner's and the result store's to register.
/// </summary>
public static class ScanServices
{
    public static IServiceCollection AddScans(this IServiceCollection services, ControlSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings.Scans);
        settings.AddCloud(services);
        services.AddScoped<ScanRuns>();
        services.AddScoped<ScanStarter>();
        services.AddScoped<ScanWorkflow>();
        services.AddScoped<SnapshotSweeper>();
        services.AddSingleton<ScanDriver>();
        return services;
    }
}
