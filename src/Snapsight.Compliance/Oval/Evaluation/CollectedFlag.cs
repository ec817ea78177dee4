namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>How completely an object was collected (OVAL 5.11 system characteristics, FlagEnumeration).</summary>
public enum CollectedFlag
{
    /// <summary>Every matching item was found and is listed.</summary>
    Complete,

    /// <summary>Some matching items were found, but not necessarily all.</summary>
    Incomplete,

    /// <summary>Nothing on the system matches the object.</summary>
    DoesNotExist,

    /// <summary>Collection failed; <see cref="CollectedObject.Message"/> says why.</summary>
    Error,

    /// <summary>The object was not collected (its type cannot be answered from a file tree).</summary>
    NotCollected,

    /// <summary>The object's type does not apply to this system.</summary>
    NotApplicable,
}
