using System.Globalization;

namespace Snapsight.AwsFake.Cloud;

/// <summary>
/// The parameters of an EC2 or STS Query request (a form-encoded body), with the list and
/// structure conventions of the EC2 protocol: <c>Name.1</c>, <c>Name.2</c>…; <c>Filter.1.Name</c>
/// and <c>Filter.1.Value.1</c>.
/// </summary>
public sealed class FakeQuery(IReadOnlyDictionary<string, string> parameters)
{
    /// <summary>At most this many members in one list: a request is bounded like any hostile input.</summary>
    private const int MaxListLength = 1000;

    public string Action => this["Action"] ?? "";

    public string? this[string name] => parameters.GetValueOrDefault(name);

    public static FakeQuery Parse(string body) => new(body.Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2))
        .GroupBy(p => Decode(p[0]), StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Last().Length > 1 ? Decode(g.Last()[1]) : "", StringComparer.Ordinal));

    /// <summary>The values of <c>prefix.1</c>, <c>prefix.2</c>… up to the first missing one.</summary>
    public List<string> List(string prefix)
    {
        var values = new List<string>();
        for (var i = 1; i <= MaxListLength && this[$"{prefix}.{i}"] is { } value; i++)
        {
            values.Add(value);
        }

        return values;
    }

    /// <summary>The indices 1, 2… for which <c>prefix.N.member</c> is present.</summary>
    public IEnumerable<int> Members(string prefix, string member)
    {
        for (var i = 1; i <= MaxListLength && this[$"{prefix}.{i}.{member}"] is not null; i++)
        {
            yield return i;
        }
    }

    /// <summary>Filters: name to accepted values.</summary>
    public Dictionary<string, List<string>> Filters() =>
        Members("Filter", "Name").ToDictionary(i => this[$"Filter.{i}.Name"]!, i => List($"Filter.{i}.Value"), StringComparer.Ordinal);

    public int? Int(string name) =>
        int.TryParse(this[name], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
