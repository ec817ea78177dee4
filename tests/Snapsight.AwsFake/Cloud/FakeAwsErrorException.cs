namespace Snapsight.AwsFake.Cloud;

/// <summary>An error answer of the fake EC2 or STS endpoint: HTTP status and the API's error code.</summary>
public sealed class FakeAwsErrorException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public static FakeAwsErrorException Unauthorized(string action) =>
        new(403, "UnauthorizedOperation", $"You are not authorized to perform this operation. Action: ec2:{action}");

    public static FakeAwsErrorException NotFound(string kind, string id) =>
        new(400, kind == "instance" ? "InvalidInstanceID.NotFound" : "InvalidSnapshot.NotFound", $"The {kind} ID '{id}' does not exist");
}
