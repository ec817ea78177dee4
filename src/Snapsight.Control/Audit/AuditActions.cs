namespace Snapsight.Control.Audit;

/// <summary>The names of audited actions, so that readers can filter on a fixed vocabulary.</summary>
public static class AuditActions
{
    public const string SignIn = "auth.sign-in";
    public const string SubscriptionCreate = "subscription.create";
    public const string UserCreate = "user.create";
    public const string UserChange = "user.change";
    public const string UserDelete = "user.delete";
    public const string TokenIssue = "token.issue";
    public const string TokenRevoke = "token.revoke";
    public const string TokenRefused = "token.refused";
    public const string ConnectorCreate = "connector.create";
    public const string ConnectorChange = "connector.change";
    public const string ConnectorDelete = "connector.delete";
    public const string ServiceAccountRegister = "service-account.register";
    public const string ServiceAccountDeregister = "service-account.deregister";
    public const string TargetAccountRegister = "target-account.register";
    public const string TargetAccountRemove = "target-account.remove";
    public const string TemplateDownload = "template.download";
    public const string SubscriptionChange = "subscription.change";
    public const string SubscriptionLicence = "subscription.licence";
    public const string AccessDenied = "access.denied";
    public const string InstanceEvent = "instance.event";
    public const string ScanRequest = "asset.scan-request";
    public const string AssetActivate = "asset.activate";
    public const string AssetDeactivate = "asset.deactivate";
    public const string AssetApiAssessment = "asset.api-assessment";
}
