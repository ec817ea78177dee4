using Snapsight.Control.Tenancy;

namespace Snapsight.Server.Auth;

/// <summary>
/// The authorization policies endpoints name. Each role includes the ones below it; a call-back
/// authenticated by a subscription token satisfies <see cref="CallBack"/> only.
/// </summary>
public static class Policies
{
    public const string Reader = nameof(UserRole.Reader);
    public const string Operator = nameof(UserRole.Operator);
    public const string Admin = nameof(UserRole.Admin);

    /// <summary>A user's access token, or a subscription token presented by a template's call-back.</summary>
    public const string CallBack = "CallBack";

    /// <summary>The role claim a subscription-token principal carries.</summary>
    public const string SubscriptionTokenRole = "SubscriptionToken";
}
