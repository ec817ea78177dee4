using Snapsight.Compliance.Oval.Evaluation;

namespace Snapsight.Compliance.Oval.Probes;

/// <summary>
/// Runs one probe's collection so that nothing it meets on the disk escapes as an exception:
/// a limit, damage, an unreadable file or a pattern that ran out of time becomes
/// <see cref="CollectedObject.Failed"/> naming the object. A bug of ours escapes, to the one
/// place that calls probes (the evaluator), which fails that object only; cancellation passes through.
/// </summary>
internal static class ProbeGuard
{
    public static async Task<CollectedObject> RunAsync(ProbeRequest request, Func<Task<CollectedObject>> collect)
    {
        try
        {
            return await collect().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return CollectedObject.Failed($"{request.ObjectId}: a pattern took longer than {OvalPatterns.MatchTimeout.TotalSeconds} s to match");
        }
        catch (Exception e) when (e is OvalProbeException or IOException or UnauthorizedAccessException or InvalidDataException or System.Xml.XmlException)
        {
            return CollectedObject.Failed($"{request.ObjectId}: {e.Message}");
        }
    }
}
