using System.Text;
using System.Xml;

namespace Snapsight.Compliance.DataStreams;

/// <summary>
/// Reads the element the <see cref="XmlReader"/> is on, and everything inside it, into a
/// <see cref="RawElement"/> tree, without recursion and within <see cref="ScapReadLimits"/>.
/// Prose the model has no use for (rationales, fixes, references, signatures) is passed over
/// rather than kept, and the XHTML inside titles and descriptions is kept as its text only, so
/// the tree of a 24 MB benchmark stays small.
/// </summary>
internal sealed class ElementTreeReader(XmlReader reader)
{
    private static readonly HashSet<string> Dropped =
    [
        "rationale", "fix", "fixtext", "reference", "ident", "warning", "front-matter", "rear-matter",
        "notice", "Signature", "notes", "model", "plain-text",
    ];

    private static readonly HashSet<string> TextOnly = ["title", "description"];

    private int _elements;

    /// <summary>Reads the current element into a tree; the reader ends after its end tag.</summary>
    public RawElement Read() => Walk(keep: true)!;

    /// <summary>Passes over the current element, still within the bounds.</summary>
    public void Skip() => Walk(keep: false);

    private RawElement? Walk(bool keep)
    {
        var open = new Stack<Builder>();
        RawElement? finished = null;
        var baseDepth = reader.Depth;
        do
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    finished = Open(open, keep, baseDepth) ?? finished;
                    break;
                case XmlNodeType.EndElement:
                    finished = Close(open);
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    AddText(open);
                    break;
            }
        }
        while (open.Count > 0 && Advance());

        if (open.Count > 0)
        {
            throw Problem(reader.LocalName, "the document ends inside this element");
        }

        reader.Read();
        return finished;
    }

    private RawElement? Open(Stack<Builder> open, bool keep, int baseDepth)
    {
        if (++_elements > ScapReadLimits.MaxElements)
        {
            throw Problem(reader.LocalName, $"more than {ScapReadLimits.MaxElements} elements");
        }

        if (reader.Depth - baseDepth >= ScapReadLimits.MaxDepth)
        {
            throw Problem(reader.LocalName, $"nested deeper than {ScapReadLimits.MaxDepth} elements");
        }

        var parent = open.Count > 0 ? open.Peek() : null;
        var mode = parent is null ? (keep ? Mode.Keep : Mode.Drop)
            : parent.Mode != Mode.Keep ? parent.Mode
            : Dropped.Contains(reader.LocalName) ? Mode.Drop
            : Mode.Keep;
        if (mode == Mode.Drop)
        {
            // Dropped prose can hold most of a document's elements: count them, build nothing.
            if (!reader.IsEmptyElement)
            {
                open.Push(Builder.Dropped);
            }

            return null;
        }

        var builder = new Builder(reader.LocalName, reader.NamespaceURI, LineNumber, mode, mode == Mode.Keep ? ReadAttributes() : null);
        if (mode == Mode.Keep && TextOnly.Contains(builder.Name))
        {
            builder.Mode = Mode.TextOnly;
            builder.KeepsOwnElement = true;
        }

        if (reader.IsEmptyElement)
        {
            return builder.KeepsOwnElement || builder.Mode == Mode.Keep ? Attach(parent, builder.Build()) : null;
        }

        open.Push(builder);
        return null;
    }

    private RawElement? Close(Stack<Builder> open)
    {
        var builder = open.Pop();
        var parent = open.Count > 0 ? open.Peek() : null;
        if (builder.Mode == Mode.Keep || builder.KeepsOwnElement)
        {
            return Attach(parent, builder.Build());
        }

        if (builder.Mode == Mode.TextOnly && parent is not null)
        {
            // XHTML inside a title or description: its words belong to the text around it.
            Append(parent, builder.Text?.ToString() ?? "");
        }

        return null;
    }

    private static RawElement Attach(Builder? parent, RawElement element)
    {
        if (parent is not null)
        {
            (parent.Children ??= []).Add(element);
        }

        return element;
    }

    private void AddText(Stack<Builder> open)
    {
        if (open.Count > 0 && open.Peek().Mode != Mode.Drop)
        {
            Append(open.Peek(), reader.Value);
        }
    }

    private void Append(Builder builder, string text)
    {
        builder.Text ??= new StringBuilder();
        if (builder.Text.Length + text.Length > ScapReadLimits.MaxTextCharacters)
        {
            throw Problem(builder.Name, $"text longer than {ScapReadLimits.MaxTextCharacters} characters");
        }

        builder.Text.Append(text);
    }

    private Dictionary<string, string>? ReadAttributes()
    {
        if (reader.AttributeCount == 0)
        {
            return null;
        }

        var attributes = new Dictionary<string, string>(reader.AttributeCount);
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                if (reader.NamespaceURI != "http://www.w3.org/2000/xmlns/")
                {
                    attributes[reader.LocalName] = reader.Value;
                }
            }
            while (reader.MoveToNextAttribute());

            reader.MoveToElement();
        }

        return attributes;
    }

    private bool Advance()
    {
        try
        {
            return reader.Read();
        }
        catch (XmlException e)
        {
            throw new ScapFormatException(reader.LocalName is { Length: > 0 } name ? name : "document", e.LineNumber, e.Message);
        }
    }

    private int LineNumber => reader is IXmlLineInfo info ? info.LineNumber : 0;

    private ScapFormatException Problem(string element, string problem) => new(element, LineNumber, problem);

    private enum Mode
    {
        Keep,
        TextOnly,
        Drop,
    }

    private sealed class Builder(string name, string ns, int line, Mode mode, Dictionary<string, string>? attributes)
    {
        /// <summary>Stands for every element inside dropped prose; it never holds anything.</summary>
        public static readonly Builder Dropped = new("", "", 0, Mode.Drop, null);

        public string Name { get; } = name;

        public Mode Mode { get; set; } = mode;

        /// <summary>A title or description: kept as an element, with its XHTML flattened into its text.</summary>
        public bool KeepsOwnElement { get; set; }

        private static readonly Dictionary<string, string> NoAttributes = [];

        /// <summary>Made on the first text or child: most elements have neither.</summary>
        public StringBuilder? Text { get; set; }

        public List<RawElement>? Children { get; set; }

        public RawElement Build() =>
            new(Name, ns, attributes ?? NoAttributes, Text?.ToString().Trim() ?? "", (IReadOnlyList<RawElement>?)Children ?? [], line);
    }
}
