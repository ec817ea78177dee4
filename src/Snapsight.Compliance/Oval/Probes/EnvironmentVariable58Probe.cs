using Snapsight.Compliance.Oval.Evaluation;

namespace Snapsight.Compliance.Oval.Probes;

/// <summary>
/// environmentvariable58_object with a nil pid: on a live system, the probing process's own
/// environment. A file tree has no processes, so this answers what every login session is given
/// from the image: the NAME=value lines of /etc/environment, read as pam_env reads them
/// (an "export " prefix and one pair of surrounding quotes dropped, '#' lines skipped). A
/// definite pid asks about a running process, which needs a running system.
/// </summary>
internal sealed class EnvironmentVariable58Probe : IOvalProbe
{
    public OvalTypeName ObjectType { get; } = new("environmentvariable58_object", "independent");

    public Task<CollectedObject> CollectAsync(ProbeRequest request, ProbeContext context, CancellationToken cancellationToken) =>
        ProbeGuard.RunAsync(request, async () =>
        {
            if (request.Entity("pid") is { IsNil: false })
            {
                return CollectedObject.NotCollected("needs a running system");
            }

            var name = request.Required("name");
            var text = await ProbeFiles.ReadTextAsync(context.Tree, "/etc/environment", cancellationToken).ConfigureAwait(false);
            var items = new List<OvalItem>();
            var number = 0;
            foreach (var raw in (text ?? "").AsSpan().EnumerateLines())
            {
                number++;
                var line = raw.Trim();
                if (line.StartsWith("export ", StringComparison.Ordinal))
                {
                    line = line["export ".Length..].TrimStart();
                }

                var equals = line.IndexOf('=');
                if (line.IsEmpty || line[0] == '#' || equals <= 0)
                {
                    continue;
                }

                var variable = line[..equals].ToString();
                var value = line[(equals + 1)..];
                if (value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0])
                {
                    value = value[1..^1];
                }

                if (name.Matches(variable))
                {
                    items.Add(new ItemEntities().Add("name", variable).Add("value", value.ToString()).ToItem($"/etc/environment:{number}"));
                }
            }

            return CollectedObject.Found(items);
        });
}
