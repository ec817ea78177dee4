namespace Snapsight.Server.Api;

/// <summary>
/// Reads an enum from a query or body field by name only (any case): numbers and undefined values,
/// which <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would accept, are refused.
/// </summary>
public static class EnumText
{
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        var name = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        return name is not null && Enum.TryParse(name, out value);
    }

    public static string Names<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetNames<T>());
}
