using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Accounts;

/// <summary>An account whose instances are scanned, registered by CFT-T's call-back; one row per account and subscription.</summary>
public sealed class TargetAccount : RegisteredAccount, ITenantOwned
{
    public required string RoleArn { get; set; }
}
