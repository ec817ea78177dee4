using Microsoft.Extensions.Time.Testing;
using Snapsight.Control.Scans;

namespace Snapsight.Server.Tests.Scans;

/// <summary>Drives a test's workflow to the end on a fake clock.</summary>
public static class WorkflowDriving
{
    /// <summary>
    /// Drives every run until none is unfinished, stepping the fake clock to the next due time
    /// whenever nothing is due (after <paramref name="beforePass"/>, say completing pending
    /// snapshots); false when the runs did not finish within <paramref name="maxPasses"/> or
    /// <paramref name="dead"/> says the engine died.
    /// </summary>
    public static async Task<bool> DriveAsync(ScanDriver driver, FakeTimeProvider clock, Action? beforePass = null, Func<bool>? dead = null, int maxPasses = 500)
    {
        for (var pass = 0; pass < maxPasses; pass++)
        {
            beforePass?.Invoke();
            var steps = await driver.DriveDueAsync(CancellationToken.None);
            if (dead?.Invoke() == true)
            {
                return false;
            }

            if (steps > 0)
            {
                continue;
            }

            if (await driver.NextDueAsync(CancellationToken.None) is not { } next)
            {
                return true;
            }

            var at = new DateTimeOffset(next, TimeSpan.Zero);
            clock.SetUtcNow(at > clock.GetUtcNow() ? at : clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        }

        return false;
    }
}
