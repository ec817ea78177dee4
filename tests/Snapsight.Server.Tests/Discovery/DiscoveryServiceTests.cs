using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Accounts;
using Snapsight.Control.Discovery;
using Snapsight.Control.Persistence;
using Snapsight.Control.Setup;
using Snapsight.Server.Hosting;
using Snapsight.Server.Tests.Accounts;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Discovery;

/// <summary>The hosted service polls on its own when the server turns it on, and its setting is read strictly.</summary>
public sealed class DiscoveryServiceTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task With_discovery_on_the_server_finds_a_new_instance_at_its_next_check(DatabaseProvider database)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await RunningServer.StartAsync(database,
            control => control with { Discovery = new DiscoverySettings { Enabled = true, CheckEvery = TimeSpan.FromMinutes(1) } },
            services => services.AddSingleton<TimeProvider>(clock));
        var tenant = await TestTenant.CreateAsync(server);
        var accountId = LocalAccounts.NewAccountId();
        var instance = await new LocalFleet(server).AddInstanceAsync(new CloudScope(accountId, "eu-west-1"), "10.0.0.1");
        await LocalFleet.RegisteredTargetAsync(server, tenant.SubscriptionId, accountId, ["eu-west-1"], autoActivate: false);

        // Nothing polls until the clock reaches the next check; then the service does it by itself.
        clock.Advance(TimeSpan.FromMinutes(1));
        var found = await EventuallyAsync(async () => await TenantScope.RunAsync(tenant, services =>
            services.GetRequiredService<ControlDbContext>().Assets.AnyAsync(a => a.InstanceId == instance)));
        Assert.True(found, "the background service did not record the instance within a minute of real time");
    }

    /// <summary>
    /// A target account registered through the registration call is polled at once: the clock never reaches the next check
    /// (an hour away), yet the instance is found. Without the wake-up it waited for that check.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_target_account_just_registered_is_polled_without_waiting_for_the_next_check(DatabaseProvider database)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await RunningServer.StartAsync(database,
            control => control with { Discovery = new DiscoverySettings { Enabled = true, CheckEvery = TimeSpan.FromHours(1) } },
            services => services.AddSingleton<TimeProvider>(clock));
        var tenant = await TestTenant.CreateAsync(server);
        var accountId = LocalAccounts.NewAccountId();
        var instance = await new LocalFleet(server).AddInstanceAsync(new CloudScope(accountId, "eu-west-1"), "10.0.0.1");
        await LocalAccounts.WorkingAccountAsync(tenant, accountId);

        var outcome = await TenantScope.RunAsync(tenant, services => services.GetRequiredService<AccountRegistrations>().RegisterTargetAsync(
            new TargetAccountRegistration(accountId, LocalAccounts.RoleArn(accountId), ["eu-west-1"]),
            new RegistrationCaller(tenant.SubscriptionId, "test", "test-client"), CancellationToken.None));

        Assert.Equal((RegistrationResult.Created, null), (outcome.Result, outcome.Message));
        var found = await EventuallyAsync(async () => await TenantScope.RunAsync(tenant, services =>
            services.GetRequiredService<ControlDbContext>().Assets.AnyAsync(a => a.InstanceId == instance)));
        Assert.True(found, "the account registered was not polled within a minute of real time, though no check came");
    }

    [Theory]
    [InlineData(null, true, 60)]
    [InlineData("", true, 60)]
    [InlineData("15", true, 15)]
    [InlineData("86400", true, 86400)]
    [InlineData("0", false, 1)]
    public void The_check_interval_variable_sets_the_period_and_zero_turns_discovery_off(string? value, bool enabled, int seconds)
    {
        var settings = ServerOptions.DiscoveryFrom(value);
        Assert.Equal(enabled, settings.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(seconds), settings.CheckEvery);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("86401")]
    [InlineData("1e3")]
    [InlineData(" 5")]
    [InlineData("99999999999999999999")]
    public void A_check_interval_that_is_not_whole_seconds_in_range_stops_the_start_with_the_variables_name(string value)
    {
        var refused = Assert.Throws<SetupException>(() => ServerOptions.DiscoveryFrom(value));
        Assert.Contains(ServerOptions.DiscoveryVariable, refused.Message);
    }

    /// <summary>Waits for a background effect, up to a minute of real time; answers whether it came.</summary>
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> happened)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (await happened())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
