namespace Snapsight.Control;

/// <summary>The change would break a rule of the subscription's current state; the API answers 409 with the message.</summary>
public sealed class ConflictException(string reason) : Exception(reason);
