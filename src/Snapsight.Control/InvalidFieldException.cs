namespace Snapsight.Control;

/// <summary>A request's field is unacceptable; the API answers 400 naming <see cref="Field"/> and <see cref="Reason"/>.</summary>
public sealed class InvalidFieldException(string field, string reason) : Exception($"{field}: {reason}")
{
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
