using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;

namespace Snapsight.Server.Assessments;

/// <summary>
/// The API-based assessment that follows each snapshot scan once the run's results are stored (the
/// documented "both at once"), run by <see cref="ApiAssessmentQueue"/>'s workers. Best effort:
/// without an inventory source or an agent nothing happens, and a failure is logged, never thrown,
/// so the asset keeps its previous API-based assessment. It runs in a tenant scope of its own, and
/// for at most <see cref="TimeLimit"/>, so a hung inventory API holds a worker no longer than that.
/// </summary>
public sealed partial class ApiAssessmentBesideScan(IServiceScopeFactory scopes, ILogger<ApiAssessmentBesideScan> logger, IApiInventorySource? source = null)
{
    /// <summary>How long one assessment may wait for the cloud's inventory: a few SSM pages normally take a second or two.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(30);

    public async Task AssessAsync(Guid subscriptionId, Guid assetId, CancellationToken cancellationToken)
    {
        if (source is null)
        {
            return;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeLimit);
        try
        {
            await using var scope = scopes.CreateTenantScope(subscriptionId);
            var db = scope.ServiceProvider.GetRequiredService<ControlDbContext>();
            var asset = await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assetId, limit.Token).ConfigureAwait(false);
            if (asset is not null
                && await scope.ServiceProvider.GetRequiredService<ApiAssessor>().AssessAsync(asset, limit.Token).ConfigureAwait(false) is { } stored)
            {
                LogAssessed(assetId, stored.Source, stored.PackageCount, stored.FindingCount);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Any failure (SSM refusing, a timeout, a bad inventory) leaves the previous assessment; the queue's workers go on.
            LogFailed(e, assetId);
        }
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Information,
        Message = "API-based assessment of asset {AssetId} after its scan: {Source}, {Packages} packages, {Findings} findings")]
    private partial void LogAssessed(Guid assetId, string source, int packages, int findings);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Warning, Message = "API-based assessment of asset {AssetId} after its scan failed; its previous one stays")]
    private partial void LogFailed(Exception error, Guid assetId);
}
