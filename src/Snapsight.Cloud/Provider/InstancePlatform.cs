namespace Snapsight.Cloud.Provider;

/// <summary>The operating-system family the provider reports; the scan finds the real OS itself.</summary>
public enum InstancePlatform
{
    Linux,
    Windows,
}
