using Npq.Core.Discussions;
using Quartz;

namespace Npq.Web.Features.Discussions;

/// <summary>
/// Sends the due discussion digests (<see cref="DiscussionDigests"/>) every <c>Discussions:DigestEveryMinutes</c> (5),
/// as a clustered job: one run at a time across the instances, and each person's digest is claimed with an atomic
/// update of its next time and watermark, so a digest goes once even if two runs overlapped. A failed run is tried
/// again at the next turn (the unclaimed digests are still due).
/// </summary>
[DisallowConcurrentExecution]
public sealed class DiscussionDigestJob(IServiceScopeFactory scopes, ILogger<DiscussionDigestJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sent = await scope.ServiceProvider.GetRequiredService<DiscussionDigests>().SendDueAsync(cancellationToken);
            if (sent > 0)
            {
                logger.LogInformation("Discussion digests queued: {Count}", sent);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Discussion digests failed this time; retrying on the next turn");
        }
    }
}
