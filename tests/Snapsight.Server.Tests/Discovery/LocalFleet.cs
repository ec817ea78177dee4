using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Cloud.Local;
using Snapsight.Cloud.Provider;
using Snapsight.Control;
using Snapsight.Control.Accounts;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;
using Snapsight.Server.Tests.Accounts;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Discovery;

/// <summary>
/// Instances in a server's own local cloud (the one its discovery lists), laid out with the
/// provider's <see cref="LocalFleetBuilder"/>, and a connector with a registered target account
/// for them, written as registration would leave them.
/// </summary>
public sealed class LocalFleet(RunningServer server)
{
    public LocalFleetBuilder Builder { get; } = new(Path.Combine(server.DataDirectory, ControlSettings.LocalCloudDirectoryName));

    /// <summary>A running instance with one small raw volume, the given address and tags; answers its id.</summary>
    public async Task<string> AddInstanceAsync(CloudScope scope, string privateIp, IReadOnlyDictionary<string, string>? tags = null)
    {
        var image = Path.Combine(server.DataDirectory, "volume.img");
        if (!File.Exists(image))
        {
            await File.WriteAllBytesAsync(image, new byte[1024 * 1024]);
        }

        return await AddInstanceAsync(scope, privateIp, [image], tags);
    }

    /// <summary>A running instance whose volumes are copies of the images (the first its root, /dev/xvda, then xvdb…); answers its id.</summary>
    public async Task<string> AddInstanceAsync(CloudScope scope, string privateIp, IReadOnlyList<string> images,
        IReadOnlyDictionary<string, string>? tags = null)
    {
        Builder.AddRegion(scope);
        var (id, _) = await Builder.AddInstanceAsync(new LocalInstanceSpec
        {
            Scope = scope,
            LaunchTime = DateTimeOffset.UnixEpoch,
            PrivateIpAddress = IPAddress.Parse(privateIp),
            Tags = tags ?? new Dictionary<string, string>(),
            Volumes = [.. images.Select((image, i) => new LocalVolumeSpec(image, $"/dev/xvd{(char)('a' + i)}"))],
        }, CancellationToken.None);
        return id;
    }

    /// <summary>Removes the instance altogether, as EC2 forgets a terminated instance after a while.</summary>
    public void Remove(CloudScope scope, string instanceId) => Directory.Delete(Builder.Layout.InstanceDirectory(scope, instanceId), recursive: true);

    /// <summary>A connector for <paramref name="accountId"/> and its registered target account; answers the target account's id.</summary>
    public static async Task<Guid> RegisteredTargetAsync(RunningServer server, Guid subscriptionId, string accountId, IReadOnlyList<string> regions,
        bool autoActivate, IReadOnlyList<string>? assetTags = null, int pollingFrequencyHours = 4)
    {
        await using var scope = server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(subscriptionId);
        var db = scope.ServiceProvider.GetRequiredService<ControlDbContext>();
        var connector = new Connector
        {
            Id = Guid.NewGuid(), SubscriptionId = subscriptionId, Name = "connector-" + accountId, AccountId = accountId,
            RoleArn = LocalAccounts.RoleArn(accountId), Regions = [.. regions], AssetTags = [.. assetTags ?? []], AutoActivate = autoActivate,
            PollingFrequencyHours = pollingFrequencyHours, ExternalId = Guid.NewGuid().ToString("N"),
            Applications = ConnectorApplications.VulnerabilityScanning,
        };
        var target = new TargetAccount
        {
            Id = Guid.NewGuid(), SubscriptionId = subscriptionId, ConnectorId = connector.Id, AccountId = accountId,
            RoleArn = connector.RoleArn, Regions = [.. regions], State = ValidationState.Registered,
        };
        db.AddRange(connector, target);
        await db.SaveChangesAsync();
        return target.Id;
    }

    public static async Task<TargetAccount> TargetAsync(RunningServer server, Guid subscriptionId, Guid targetId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(subscriptionId);
        return await scope.ServiceProvider.GetRequiredService<ControlDbContext>().TargetAccounts.AsNoTracking().SingleAsync(a => a.Id == targetId);
    }
}
