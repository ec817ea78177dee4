using System.Text.Json;

namespace Snapsight.Cloud.Local;

/// <summary>
/// <c>accounts/&lt;account&gt;/account.json</c>: the IAM side of a local account, which
/// <see cref="LocalAccountAccess"/> checks registrations against (docs/control/connectors-and-accounts.md).
/// Public so a tool that plays the customer (<c>snapsight demo</c>) can "deploy the role" by writing it.
/// </summary>
public sealed record LocalAccountFile : ILocalFile
{
    public const string FileName = "account.json";

    /// <summary>Writes it, atomically, as <paramref name="accountId"/>'s account.json under the local cloud's root.</summary>
    public void Write(LocalLayout layout, string accountId)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var directory = layout.AccountDirectory(accountId);
        Directory.CreateDirectory(directory);
        AtomicFile.Write(Path.Combine(directory, FileName), JsonSerializer.SerializeToUtf8Bytes(this, LocalJson.Default.LocalAccountFile));
    }

    public List<LocalRoleFile> Roles { get; set; } = [];

    /// <summary>The regions enabled in the account (opt-in regions included once opted in).</summary>
    public List<string> EnabledRegions { get; set; } = [];

    public void Check()
    {
        LocalFileReader.NoNullElements(Roles, "roles");
        LocalFileReader.NoNullElements(EnabledRegions, "enabledRegions");
        for (var i = 0; i < Roles.Count; i++)
        {
            LocalFileReader.NoNullElements(Roles[i].Permissions, $"roles[{i}].permissions");
        }
    }
}

/// <summary>One role of <see cref="LocalAccountFile"/>: who may assume it and what it may do.</summary>
public sealed record LocalRoleFile
{
    public required string Arn { get; init; }

    /// <summary>The <c>sts:ExternalId</c> its trust policy requires; null trusts no one.</summary>
    public string? TrustedExternalId { get; init; }

    /// <summary>Actions granted: exact (<c>ec2:CreateSnapshot</c>), a service's all (<c>ec2:*</c>) or <c>*</c>.</summary>
    public List<string> Permissions { get; set; } = [];

    /// <summary>The role's sessions were revoked (IAM "revoke active sessions"): assuming it yields an expired token.</summary>
    public bool SessionsRevoked { get; init; }
}
