using Microsoft.EntityFrameworkCore;
using Snapsight.Cloud.Aws.Templates;
using Snapsight.Control.Persistence;

namespace Snapsight.Control.Tenancy;

/// <summary>
/// Changes the caller's subscription settings that its admins own: the name and the scan interval.
/// The licence (<see cref="Subscription.LicensedIpAddresses"/>) is not among them.
/// </summary>
public sealed class SubscriptionChanges(ControlDbContext db)
{
    /// <summary>
    /// Applies the given values (null leaves a setting as it is) to the unit of work and answers what
    /// changed, as "field: old → new" lines for the audit; the caller saves.
    /// </summary>
    public async Task<(Subscription Subscription, IReadOnlyList<string> Changes)> ApplyAsync(
        string? name, int? scanIntervalHours, CancellationToken ct)
    {
        var subscription = await db.Subscriptions.SingleAsync(ct).ConfigureAwait(false);
        var changes = new List<string>();
        if (scanIntervalHours is { } hours && hours != subscription.ScanIntervalHours)
        {
            if (hours is < TemplateRequest.MinScanIntervalHours or > TemplateRequest.MaxScanIntervalHours)
            {
                throw new InvalidFieldException("scanIntervalHours",
                    $"must be {TemplateRequest.MinScanIntervalHours} to {TemplateRequest.MaxScanIntervalHours} hours (every asset is scanned at least daily, at most a week apart), not {hours}");
            }

            changes.Add($"scanIntervalHours: {subscription.ScanIntervalHours} → {hours}");
            subscription.ScanIntervalHours = hours;
        }

        if (name is not null)
        {
            var clean = SubscriptionName.Clean(name) ?? throw new InvalidFieldException("name", SubscriptionName.Rule);
            if (clean != subscription.Name)
            {
                // Names are unique across subscriptions (set-up refuses a clash by name), so this one looks across them.
                if (await db.Subscriptions.IgnoreQueryFilters().AnyAsync(s => s.Name == clean, ct).ConfigureAwait(false))
                {
                    throw new ConflictException($"a subscription named '{clean}' exists already");
                }

                changes.Add($"name: '{subscription.Name}' → '{clean}'");
                subscription.Name = clean;
            }
        }

        return (subscription, changes);
    }
}
