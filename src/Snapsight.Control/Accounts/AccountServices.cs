using Microsoft.Extensions.DependencyInjection;
using Snapsight.Cloud.Accounts;
using Snapsight.Cloud.Local;

namespace Snapsight.Control.Accounts;

/// <summary>Connectors and account registrations: the registration workflow, validated against the local cloud.</summary>
public static class AccountServices
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, ControlSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton<IAccountAccess>(new LocalAccountAccess(settings.LocalCloudDirectory));
        services.AddScoped<AccountRegistrations>();
        return services;
    }
}
