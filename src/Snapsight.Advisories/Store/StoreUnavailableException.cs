namespace Snapsight.Advisories.Store;

/// <summary>The advisory store cannot be used: missing, not a store, or of another schema version. The message says what to run.</summary>
public sealed class StoreUnavailableException(string message) : IOException(message);
