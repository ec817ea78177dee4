using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cloud.Tests.Support;

/// <summary>
/// The AWS SDK for JavaScript, installed by tests/images/build-aws-sdk-js, running the scripts of
/// Aws/Js: the independent implementation our signer and our EBS direct fake are checked against.
/// </summary>
public static class AwsSdkJs
{
    private static readonly FixtureScript Script = new("build-aws-sdk-js");

    /// <summary>Runs Aws/Js/<paramref name="script"/> with <paramref name="stdin"/>; returns its stdout (a failure throws with stderr).</summary>
    public static string Run(string script, string stdin, params string[] arguments) =>
        Tool.Run("node", [Path.Combine(AppContext.BaseDirectory, "Aws", "Js", script), .. arguments], stdin,
            new Dictionary<string, string> { ["NODE_PATH"] = Path.Combine(Script.Folder, "node_modules") });
}
