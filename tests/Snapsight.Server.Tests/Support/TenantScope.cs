using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Tenancy;

namespace Snapsight.Server.Tests.Support;

/// <summary>Runs control-plane services in-process as a request of the tenant would: a scope of its own with the tenant entered.</summary>
public static class TenantScope
{
    public static async Task<T> RunAsync<T>(TestTenant tenant, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = tenant.Server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.SubscriptionId);
        return await action(scope.ServiceProvider);
    }
}
