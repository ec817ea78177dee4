namespace Snapsight.Control.Accounts;

/// <summary>Who registers, as the audit log records it, and for which subscription.</summary>
public sealed record RegistrationCaller(Guid SubscriptionId, string Name, string Client);
