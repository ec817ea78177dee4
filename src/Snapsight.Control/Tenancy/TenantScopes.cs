using Microsoft.Extensions.DependencyInjection;

namespace Snapsight.Control.Tenancy;

/// <summary>
/// Background work (discovery, the scan driver) runs in no request, so it makes its own scope per
/// subscription and enters the tenant there: the query filters then hold as they do for a request.
/// </summary>
public static class TenantScopes
{
    public static AsyncServiceScope CreateTenantScope(this IServiceScopeFactory scopes, Guid subscriptionId)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(subscriptionId);
        return scope;
    }
}
