namespace Npq.Core.Dfe;

/// <summary>
/// When a push that failed for a reason that may pass (DfE busy, rate limited, unreachable) is tried again: after
/// DfE's <c>Retry-After</c> when it gave one, otherwise after an exponential backoff (30 s, 1 min, 2 min, … up to an
/// hour) with up to a fifth added at random so that many jobs do not come back at the same instant. After
/// <see cref="MaxAttempts"/> attempts the job stops and waits for an admin.
/// </summary>
public static class DfeRetry
{
    public const int MaxAttempts = 8;

    public static readonly TimeSpan First = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    /// <summary>The delay before attempt <paramref name="attemptsMade"/> + 1; <paramref name="jitter"/> in [0, 1).</summary>
    public static TimeSpan Delay(int attemptsMade, TimeSpan? retryAfter, double jitter)
    {
        if (retryAfter is { } asked && asked > TimeSpan.Zero)
        {
            // DfE said when: wait exactly that (capped, so a bad header cannot park a job for days).
            return asked > Longest ? Longest : asked;
        }

        var exponent = Math.Clamp(attemptsMade - 1, 0, 16);
        var baseDelay = TimeSpan.FromTicks(Math.Min(First.Ticks * (1L << exponent), Longest.Ticks));
        var extra = TimeSpan.FromTicks((long)(baseDelay.Ticks * 0.2 * Math.Clamp(jitter, 0, 0.999999)));
        return baseDelay + extra;
    }

    /// <summary>Whether an answer with this HTTP status (0: no answer) is worth trying again.</summary>
    public static bool IsTransient(int status) => status is 0 or 408 or 429 or >= 500;

    public static bool GivesUp(int attemptsMade) => attemptsMade >= MaxAttempts;
}
