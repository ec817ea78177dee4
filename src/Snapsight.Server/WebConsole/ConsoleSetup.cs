using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Tenancy;
using Snapsight.Server.WebConsole.Connectors;

namespace Snapsight.Server.WebConsole;

/// <summary>
/// The web console (docs/console.md): Razor Pages under <c>/console</c>, in the server's own process,
/// signed in with a cookie of its own beside the API's bearer tokens.
/// </summary>
public static class ConsoleSetup
{
    /// <summary>Pages every signed-in user may see.</summary>
    public const string ReaderPolicy = "ConsoleReader";

    /// <summary>Pages that change things an operator may change: connectors, accounts, templates, subscription tokens.</summary>
    public const string OperatorPolicy = "ConsoleOperator";

    /// <summary>Pages for admins only: users and the audit log.</summary>
    public const string AdminPolicy = "ConsoleAdmin";

    public static IServiceCollection AddSnapsightConsole(this IServiceCollection services)
    {
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/WebConsole/Pages";
            pages.Conventions.AuthorizeFolder("/", ReaderPolicy);
            pages.Conventions.AllowAnonymousToPage("/SignIn");
        });
        services.AddAuthentication().AddCookie(ConsoleAuthentication.Scheme, ConsoleAuthentication.Configure);
        services.AddAuthorizationBuilder()
            .AddPolicy(ReaderPolicy, Roles(nameof(UserRole.Reader), nameof(UserRole.Operator), nameof(UserRole.Admin)))
            .AddPolicy(OperatorPolicy, Roles(nameof(UserRole.Operator), nameof(UserRole.Admin)))
            .AddPolicy(AdminPolicy, Roles(nameof(UserRole.Admin)));
        services.Configure<RouteOptions>(routes => routes.LowercaseUrls = true);
        services.AddScoped<DashboardQueries>();
        services.AddSingleton<ConnectorDrafts>();
        return services;
    }

    public static void MapConsole(this IEndpointRouteBuilder routes) => routes.MapRazorPages();

    private static AuthorizationPolicy Roles(params string[] roles) =>
        new AuthorizationPolicyBuilder(ConsoleAuthentication.Scheme).RequireRole(roles).Build();
}
