using Snapsight.Disk;

namespace Snapsight.Cli;

/// <summary>
/// Runs a verb's body and turns failures into the exit codes of the contract: 0 on success,
/// 2 for usage errors and unreadable targets, with one sentence on stderr and nothing on stdout.
/// </summary>
internal static class CommandRunner
{
    public const int UsageError = 2;

    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            return Fail(e.Message);
        }
        catch (DiskFormatException e)
        {
            return Fail($"cannot read the image: {e.Message}");
        }
        catch (FileNotFoundException e)
        {
            return Fail($"no such file: {e.FileName ?? e.Message}");
        }
        catch (DirectoryNotFoundException e)
        {
            return Fail($"no such file or directory: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail($"permission denied: {e.Message}");
        }
        catch (IOException e) when (e.GetType() == typeof(IOException))
        {
            return Fail($"I/O error: {e.Message}");
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"snapsight: {message}");
        return UsageError;
    }
}
