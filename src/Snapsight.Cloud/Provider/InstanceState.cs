namespace Snapsight.Cloud.Provider;

/// <summary>An instance's life-cycle state, as EC2 names them.</summary>
public enum InstanceState
{
    Pending,
    Running,
    Stopping,
    Stopped,
    ShuttingDown,
    Terminated,
}
