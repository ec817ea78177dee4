using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Assessments;
using Snapsight.Server.Scanning;

namespace Snapsight.Server.Assessments;

/// <summary>
/// API-based assessment's services. It runs only for a cloud registered as an
/// <see cref="Snapsight.Cloud.Provider.IApiInventorySource"/> (the AWS provider is one); without
/// one, an assessment answers that the cloud keeps no inventory. The queue of assessments that follow
/// scans (<see cref="ApiAssessmentQueue"/>) runs as a hosted service.
/// </summary>
internal static class ApiAssessmentServices
{
    public static IServiceCollection AddApiAssessments(this IServiceCollection services, SnapshotScanSettings settings) =>
        services.AddScoped(provider => new ApiAssessor(provider, settings, provider.GetRequiredService<ApiAssessments>()))
            .AddSingleton<ApiAssessmentBesideScan>()
            .AddSingleton<ApiAssessmentQueue>()
            .AddHostedService(provider => provider.GetRequiredService<ApiAssessmentQueue>());
}
