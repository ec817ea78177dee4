using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Snapsight.Cloud.Local;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Scheduling;

namespace Snapsight.Control.Discovery;

/// <summary>Discovery and the scan schedule, against the server's cloud (<see cref="ControlSettings.AddCloud"/>) unless another provider is registered first.</summary>
public static class DiscoveryServices
{
    public static IServiceCollection AddDiscovery(this IServiceCollection services, ControlSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.AddCloud(services);
        services.AddScoped<ScanSchedule>();
        services.AddScoped<AssetDiscovery>();
        services.AddScoped<InstanceEvents>();
        services.AddSingleton<DiscoveryRound>();
        services.AddSingleton<DiscoveryWakeUp>();
        return services;
    }
}
