using Snapsight.Disk;

namespace Snapsight.Advisories.Feeds.Osv;

/// <summary>An OSV record that is not well-formed JSON, breaks the schema, or exceeds a bound; it names the field.</summary>
public sealed class OsvFormatException(string field, string problem) : DiskFormatException("osv", field, 0, problem)
{
}
