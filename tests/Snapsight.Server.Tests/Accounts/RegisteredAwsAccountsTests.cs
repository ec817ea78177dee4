using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Accounts;
using Snapsight.Control.Persistence;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Accounts;

/// <summary>
/// The AWS provider's accounts as the registrations say: two subscriptions registering one AWS account each act
/// through their own connector's external ID, a scope without a subscription finds nothing, and a removal through
/// the API is seen at once although answers are cached.
/// </summary>
public sealed class RegisteredAwsAccountsTests
{
    [Fact]
    public async Task Each_subscription_acts_in_a_shared_account_with_its_own_external_id_and_a_removal_is_seen_at_once()
    {
        var server = await SharedServers.For(DatabaseProvider.Sqlite);
        var first = await TestTenant.CreateAsync(server);
        var second = await TestTenant.CreateAsync(server);
        var accountId = LocalAccounts.NewAccountId();
        var firstConnector = await LocalAccounts.WorkingAccountAsync(first, accountId);
        // The second subscription's connector names the same role, with the external ID the server issued it.
        var secondConnector = await LocalAccounts.CreateConnectorAsync(second, accountId);
        var (firstCallBack, _) = await LocalAccounts.CallBackClientAsync(first);
        var (secondCallBack, _) = await LocalAccounts.CallBackClientAsync(second);
        using var registered = await LocalAccounts.RegisterTargetAsync(firstCallBack, accountId);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        // The local account's role trusts the first connector's ID only: the second registration is stored, failed.
        using var refused = await LocalAccounts.RegisterTargetAsync(secondCallBack, accountId);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var directory = server.Services.GetRequiredService<RegisteredAwsAccounts>();
        var forFirst = await directory.FindAsync(accountId, first.SubscriptionId, CancellationToken.None);
        var forSecond = await directory.FindAsync(accountId, second.SubscriptionId, CancellationToken.None);
        Assert.Equal((LocalAccounts.RoleArn(accountId), (string)firstConnector["externalId"]!), (forFirst?.RoleArn, forFirst?.ExternalId));
        Assert.Equal((LocalAccounts.RoleArn(accountId), (string)secondConnector["externalId"]!), (forSecond?.RoleArn, forSecond?.ExternalId));
        Assert.NotEqual(forFirst!.ExternalId, forSecond!.ExternalId);
        Assert.Equal(["eu-west-1", "us-east-1"], forFirst.Regions);
        Assert.Null(await directory.FindAsync(accountId, null, CancellationToken.None));
        Assert.Null(await directory.FindAsync(LocalAccounts.NewAccountId(), first.SubscriptionId, CancellationToken.None));

        var target = Assert.Single((await first.Admin.GetFromJsonAsync<TargetList>("api/v1/target-accounts"))!.Items);
        using var removed = await first.Admin.DeleteAsync($"api/v1/target-accounts/{target.Id}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Null(await directory.FindAsync(accountId, first.SubscriptionId, CancellationToken.None));
        Assert.Equal(forSecond, await directory.FindAsync(accountId, second.SubscriptionId, CancellationToken.None));
    }

    private sealed record TargetList(List<TargetItem> Items);

    private sealed record TargetItem(Guid Id);
}
