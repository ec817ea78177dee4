using Snapsight.Advisories.Feeds;
using Snapsight.Advisories.Store;
using Snapsight.Compliance.DataStreams;
using Snapsight.Disk;
using Snapsight.Disk.FileSystems;

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
        catch (StoreUnavailableException e)
        {
            return Fail(e.Message);
        }
        catch (FeedFormatException e)
        {
            return Fail($"cannot read {e.Structure}: {e.Problem}");
        }
        catch (ScapFormatException e)
        {
            return Fail($"cannot read the SCAP content: {e.Message}");
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
        catch (IOException e)
        {
            return Fail($"I/O error: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug of ours, not the user's: still one sentence, and a non-zero exit, never a stack trace.
            return Fail($"internal error ({e.GetType().Name}): {e.Message}");
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"snapsight: {TreePath.Printable(message)}");
        return UsageError;
    }
}
