namespace Npq.Data.Infrastructure.Caching;

/// <summary>
/// Tells the site's other instances that something they keep in memory has changed. An instance handles its own change
/// before it sends, so a listener hears only the others'. With one instance there is no one to tell
/// (<see cref="SingleInstanceSignals"/>); with several, the signals travel through Redis (the web's
/// <c>RedisInstanceSignals</c>).
/// </summary>
public interface IInstanceSignals
{
    /// <summary>Sends <paramref name="message"/> on <paramref name="topic"/> to every other instance.</summary>
    void Send(string topic, string message);

    /// <summary>
    /// Sends <paramref name="message"/> and returns only once every other instance has handled it (or after a bounded
    /// wait, logged, when one does not answer), so what this instance answers next is true on all of them: a signed-out
    /// session is refused everywhere before the sign-out's response leaves.
    /// </summary>
    void SendAndWait(string topic, string message);

    /// <summary>Calls <paramref name="onMessage"/> with every message another instance sends on <paramref name="topic"/>.</summary>
    void Listen(string topic, Action<string> onMessage);
}

/// <summary>Topics every listener may want.</summary>
public static class InstanceSignalTopics
{
    /// <summary>Sent to this instance's own listeners (by the transport, never by another instance) when signals may
    /// have been lost, e.g. after the connection to Redis dropped and came back: forget whatever others may have
    /// changed meanwhile.</summary>
    public const string Missed = "signals-missed";
}

/// <summary>The signals of a site that runs as one instance: nothing to send, nothing to hear.</summary>
public sealed class SingleInstanceSignals : IInstanceSignals
{
    public void Send(string topic, string message)
    {
    }

    public void SendAndWait(string topic, string message)
    {
    }

    public void Listen(string topic, Action<string> onMessage)
    {
    }
}
