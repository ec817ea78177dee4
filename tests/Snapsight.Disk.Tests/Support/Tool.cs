using System.Diagnostics;

namespace Snapsight.Disk.Tests.Support;

/// <summary>Runs the real tools (mkfs, sfdisk, qemu-img, fls…) that build and check test inputs.</summary>
public static class Tool
{
    /// <summary>Runs <paramref name="program"/> and returns its stdout; a non-zero exit throws with stderr.</summary>
    public static string Run(string program, params string[] arguments) => Run(program, arguments, null, null);

    public static string Run(string program, IEnumerable<string> arguments, string? stdin, IDictionary<string, string>? environment)
    {
        var bytes = RunBytes(program, arguments, stdin, environment);
        return System.Text.Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Runs a tool that answers with its exit status (<c>dpkg --compare-versions</c>): true on 0, false otherwise.</summary>
    public static bool Succeeds(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0;
    }

    public static byte[] RunBytes(string program, IEnumerable<string> arguments, string? stdin = null, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stderrTask = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}: {stderrTask.Result}");
        }

        return stdout.ToArray();
    }
}
