namespace Snapsight.Control.Setup;

/// <summary>Set-up was refused; the message is one sentence for the person running it.</summary>
public sealed class SetupException(string message) : Exception(message);
