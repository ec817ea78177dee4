namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>The body of a restJson1 error answer: what went wrong and, for EBS, a reason code.</summary>
internal sealed class ErrorBody
{
    public string? Message { get; set; }

    public string? Reason { get; set; }
}
