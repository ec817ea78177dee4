namespace Snapsight.Control.Assets;

/// <summary>The instance's state as EC2 names them (DescribeInstances' InstanceState).</summary>
public enum AssetState
{
    Pending,
    Running,
    ShuttingDown,
    Terminated,
    Stopping,
    Stopped,
}
