namespace Snapsight.Control.Accounts;

/// <summary>Where a registration's validation workflow is: saved as validating before the check, then registered or failed.</summary>
public enum ValidationState
{
    Validating,
    Registered,
    Failed,
}
