using System.Runtime.InteropServices;

namespace Snapsight.Cli;

/// <summary>
/// Replaces this process with another executable (<c>execvpe</c>): signals, exit codes and the standard streams become
/// the other's, so a verb served by another executable behaves exactly as if this one had served it. The environment
/// passed on is .NET's view of it, which <see cref="Environment.SetEnvironmentVariable(string, string)"/> changes and
/// the C library's does not.
/// </summary>
internal static partial class ProcessReplacement
{
    /// <summary>Returns only when the executable cannot be started, with the usage error code and a sentence on stderr.</summary>
    public static int Exec(string executable, IEnumerable<string> args)
    {
        var argv = new List<string?>();
        if (executable.EndsWith(".dll", StringComparison.Ordinal))
        {
            // A framework-dependent build (the test suite's) runs through the dotnet host.
            argv.Add("dotnet");
        }

        argv.Add(executable);
        argv.AddRange(args);
        argv.Add(null);
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(variable => $"{variable.Key}={variable.Value}").Append(null).ToArray();
        Console.Out.Flush();
        ExecVpe(argv[0]!, [.. argv], environment);
        // Taken before anything else runs: the console's own set-up makes native calls that overwrite the error.
        var error = Marshal.GetLastPInvokeErrorMessage();
        Console.Error.WriteLine($"snapsight: cannot start {executable}: {error}");
        return CommandRunner.UsageError;
    }

    [LibraryImport("libc", EntryPoint = "execvpe", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ExecVpe(string file, string?[] argv, string?[] envp);
}
