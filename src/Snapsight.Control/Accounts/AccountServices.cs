using Microsoft.Extensions.DependencyInjection;

namespace Snapsight.Control.Accounts;

/// <summary>
/// Connectors and account registrations: the registration workflow, validated against the server's
/// cloud, and the registered accounts as the AWS provider reads them.
/// </summary>
public static class AccountServices
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, ControlSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.AddCloud(services);
        services.AddSingleton<RegisteredAwsAccounts>();
        services.AddScoped<AccountRegistrations>();
        return services;
    }
}
