namespace Snapsight.Control.Tokens;

/// <summary>A token just issued: the only moment its value exists outside the caller's hands.</summary>
public sealed record IssuedSubscriptionToken(SubscriptionToken Token, string Value, bool Capped);
