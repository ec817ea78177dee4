namespace Snapsight.Cloud.Aws.Templates;

/// <summary>
/// A template request with a value out of bounds or malformed. <see cref="Field"/> names the
/// request field (<c>tags.all[1]</c>, <c>targetRegions</c>) and <see cref="Reason"/> says what is
/// wrong with it, so the API can answer a 400 problem that points at the value.
/// </summary>
public sealed class TemplateParameterException : ArgumentException
{
    public TemplateParameterException(string field, string reason)
        : base($"{field}: {reason}")
    {
        Field = field;
        Reason = reason;
    }

    public string Field { get; }

    public string Reason { get; }
}
