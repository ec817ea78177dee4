using System.Net;

namespace Snapsight.AwsFake;

/// <summary>
/// An HTTP listener on a free loopback port answering every request concurrently with a handler:
/// what each fake endpoint serves on. A client that goes away mid-answer is not an error.
/// </summary>
public sealed class LoopbackListener : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<HttpListenerContext, Task> _answer;
    private readonly Task _serving;

    public LoopbackListener(Func<HttpListenerContext, Task> answer)
    {
        _answer = answer;
        _listener = LoopbackHttpListener.Start(out var endpoint);
        Endpoint = endpoint;
        _serving = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending GetContext: the way serving ends.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            await _answer(context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client went away.
        }
    }
}
