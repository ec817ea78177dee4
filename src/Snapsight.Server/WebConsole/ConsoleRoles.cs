using System.Security.Claims;
using Snapsight.Control.Tenancy;

namespace Snapsight.Server.WebConsole;

/// <summary>What the signed-in user's role lets the pages offer; the page policies (<see cref="ConsoleSetup"/>) enforce the same.</summary>
public static class ConsoleRoles
{
    public static bool IsOperator(ClaimsPrincipal user) =>
        user.IsInRole(nameof(UserRole.Operator)) || user.IsInRole(nameof(UserRole.Admin));

    public static bool IsAdmin(ClaimsPrincipal user) => user.IsInRole(nameof(UserRole.Admin));
}
