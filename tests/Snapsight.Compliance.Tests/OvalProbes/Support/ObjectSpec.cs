using System.Security;
using System.Text;
using Snapsight.Compliance.Oval;
using Snapsight.Compliance.Oval.Evaluation;

namespace Snapsight.Compliance.Tests.OvalProbes.Support;

/// <summary>One entity of a test object: written into OVAL XML for oscap, and handed to our probe as the engine would.</summary>
internal sealed record EntitySpec(string Name, string Value, string Operation = "equals", string Datatype = "string", bool Nil = false);

/// <summary>
/// An OVAL object described once, so that the same object goes to oscap (as XML) and to our
/// probe (as a resolved <see cref="ProbeRequest"/>). <see cref="Type"/> is the name without
/// "_object"; <see cref="Family"/> is independent, unix or linux.
/// </summary>
internal sealed record ObjectSpec(string Id, string Type, string Family, IReadOnlyList<EntitySpec> Entities, IReadOnlyDictionary<string, string>? Behaviors = null)
{
    public string Prefix => Family switch { "independent" => "ind", "unix" => "unix", _ => "linux" };

    public ProbeRequest ToRequest() => new(
        Id,
        new OvalTypeName(Type + "_object", Family),
        Entities.ToDictionary(e => e.Name, e => new ObjectEntity(e.Name, e.Operation, e.Datatype, e.Nil ? [] : [e.Value], e.Nil)),
        Behaviors ?? new Dictionary<string, string>());

    public string ToXml()
    {
        var xml = new StringBuilder($"<{Prefix}:{Type}_object id=\"{Id}\" version=\"1\">");
        if (Behaviors is { Count: > 0 })
        {
            xml.Append($"<{Prefix}:behaviors ");
            foreach (var (name, value) in Behaviors)
            {
                xml.Append($"{name}=\"{SecurityElement.Escape(value)}\" ");
            }

            xml.Append("/>");
        }

        foreach (var entity in Entities)
        {
            xml.Append(entity.Nil
                ? $"<{Prefix}:{entity.Name} xsi:nil=\"true\"/>"
                : $"<{Prefix}:{entity.Name} operation=\"{entity.Operation}\" datatype=\"{entity.Datatype}\">{SecurityElement.Escape(entity.Value)}</{Prefix}:{entity.Name}>");
        }

        return xml.Append($"</{Prefix}:{Type}_object>").ToString();
    }
}
