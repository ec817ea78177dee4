using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Snapsight.Cli.Tests;

/// <summary>Runs the real <c>snapsight</c> command in its own process, as a user or a script would.</summary>
public static class SnapsightProcess
{
    public sealed record Result(int ExitCode, byte[] Stdout, string Stderr)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Stdout);
    }

    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "snapsight.dll");

    private static readonly Lazy<string> FrontRuntimeConfig = new(WriteFrontRuntimeConfig);

    public static Result Run(params string[] arguments) => Run(new ProcessStartInfo("dotnet") { ArgumentList = { Executable } }, arguments);

    /// <summary>
    /// Runs the build as the image-verbs front (its feature switch on, as scripts/publish builds it), handing what it
    /// does not serve to <paramref name="allVerbs"/>: by default this same build with every verb.
    /// </summary>
    public static Result RunAsFront(string? allVerbs, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { "exec", "--runtimeconfig", FrontRuntimeConfig.Value, Executable } };
        start.Environment[ImageVerbsFront.LocationVariable] = allVerbs ?? Executable;
        return Run(start, arguments);
    }

    /// <summary>Runs a published (native) executable, pointing the front at <paramref name="allVerbs"/> when given.</summary>
    public static Result RunPublished(string executable, string? allVerbs, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable);
        if (allVerbs is not null)
        {
            start.Environment[ImageVerbsFront.LocationVariable] = allVerbs;
        }
        else
        {
            // Where the front looks by default, whatever the shell running the tests points it at.
            start.Environment.Remove(ImageVerbsFront.LocationVariable);
        }

        return Run(start, arguments);
    }

    private static Result Run(ProcessStartInfo start, string[] arguments)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.ToArray(), stderr.Result);
    }

    /// <summary>The build's own runtime configuration with the front's feature switch on.</summary>
    private static string WriteFrontRuntimeConfig()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "snapsight.runtimeconfig.json")))!;
        config["runtimeOptions"]!["configProperties"]![ImageVerbsFront.FeatureSwitch] = true;
        var path = Path.Combine(AppContext.BaseDirectory, "snapsight-front.runtimeconfig.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }
}
