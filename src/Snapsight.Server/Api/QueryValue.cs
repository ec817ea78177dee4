namespace Snapsight.Server.Api;

/// <summary>
/// Optional query-string values read strictly: absent is null, present must parse, so a filter
/// given a value it cannot mean is refused by name rather than ignored.
/// </summary>
public static class QueryValue
{
    /// <summary><c>true</c> or <c>false</c> (any case); false when the text is neither.</summary>
    public static bool TryFlag(string? text, out bool? flag)
    {
        flag = null;
        if (text is null)
        {
            return true;
        }

        if (!bool.TryParse(text, out var value))
        {
            return false;
        }

        flag = value;
        return true;
    }

    /// <summary>An object's id (a GUID); false when the text is not one.</summary>
    public static bool TryId(string? text, out Guid? id)
    {
        id = null;
        if (text is null)
        {
            return true;
        }

        if (!Guid.TryParse(text, out var value))
        {
            return false;
        }

        id = value;
        return true;
    }
}
