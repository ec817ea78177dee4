namespace Snapsight.Disk.FileSystems;

/// <summary>
/// The issues a tree has recorded, thread-safe and bounded: a directory of a million hostile
/// names must not turn into a million issues in memory.
/// </summary>
internal sealed class TreeIssues
{
    private const int MaxIssues = 10_000;

    private readonly Lock _gate = new();
    private readonly List<TreeIssue> _issues = [];
    private bool _overflowed;

    public void Record(string path, string message)
    {
        lock (_gate)
        {
            if (_issues.Count < MaxIssues)
            {
                _issues.Add(new TreeIssue(TreePath.Printable(path), message));
            }
            else if (!_overflowed)
            {
                _overflowed = true;
                _issues.Add(new TreeIssue("/", $"more than {MaxIssues} issues; later ones were not recorded"));
            }
        }
    }

    public IReadOnlyList<TreeIssue> Snapshot()
    {
        lock (_gate)
        {
            return [.. _issues];
        }
    }
}
