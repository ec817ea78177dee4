using Snapsight.Compliance.Oval.Evaluation;

namespace Snapsight.Compliance.Oval.Probes;

/// <summary>
/// Runs one probe's collection so that nothing it meets on the disk escapes as an exception:
/// a limit, damage, an unreadable file or a pattern that ran out of time becomes
/// <see cref="CollectedObject.Failed"/> naming the object, and so does a bug of ours. Only
/// cancellation passes through.
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
        catch (Exception e)
        {
            // A bug of ours must cost this object, not the evaluation: the other objects still count.
            return CollectedObject.Failed($"{request.ObjectId}: the {request.Type.Name} probe failed unexpectedly: {e.GetType().Name}: {e.Message}");
        }
    }
}
