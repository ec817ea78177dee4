using System.Runtime.InteropServices;

namespace Snapsight.Cli;

/// <summary>
/// Replaces this process with another executable (<c>execvp</c>): signals, exit codes and the standard streams become
/// the other's, so a verb served by another executable behaves exactly as if this one had served it.
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
        Console.Out.Flush();
        ExecVp(argv[0]!, [.. argv]);
        Console.Error.WriteLine($"snapsight: cannot start {executable}: {Marshal.GetLastPInvokeErrorMessage()}");
        return CommandRunner.UsageError;
    }

    [LibraryImport("libc", EntryPoint = "execvp", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ExecVp(string file, string?[] argv);
}
