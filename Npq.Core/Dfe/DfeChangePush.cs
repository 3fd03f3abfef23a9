using Microsoft.Extensions.Logging;
using Npq.Core.Changes;
using Npq.Core.Reporting;

namespace Npq.Core.Dfe;

/// <summary>
/// Queues the push that tells DfE of a change made through Npq's own pages (an application accepted or rejected, a
/// training status changed, a declaration made or voided, outcomes released), when the provider's DfE connection is
/// on and the record carries DfE's ids. The push is the reconcile page's own fix for that change (same idempotency key
/// and payload), so pressing "fix" afterwards never queues it twice; the outbox's job sends it with retry, backoff and
/// DfE's rate limit. Nothing is queued while the connection is off.
/// </summary>
public sealed class DfeChangePush(IDfeConnectionRepository connections, IDfeMirrorRepository mirror, IDfeOutbox outbox, DfeReconcile reconcile, TimeProvider time, ILogger<DfeChangePush> logger)
    : IRecordChangeListener
{
    public async Task OnChangedAsync(RecordChange change, CancellationToken cancellationToken = default)
    {
        if (change.Kind is RecordChangeKind.ApplicationAccepted or RecordChangeKind.ApplicationRejected && change.DfeApplicationId is null)
        {
            return;
        }

        var providerId = change.ProviderId ?? await mirror.ProviderOfCohortAsync(change.CohortId, cancellationToken);
        if (providerId is not { } provider || await connections.GetAsync(provider, cancellationToken) is not { Enabled: true, HasToken: true })
        {
            return;
        }

        var enrolments = change.EnrolmentIds.ToHashSet();
        var candidates = change.CandidateUserIds.ToHashSet();
        Func<DeclarationCandidate, bool> which = change.Kind switch
        {
            RecordChangeKind.ApplicationAccepted => l => l.DfeApplicationId == change.DfeApplicationId,
            RecordChangeKind.ApplicationRejected => _ => false,
            RecordChangeKind.OutcomesReleased => l => candidates.Contains(l.CandidateUserId),
            _ => l => enrolments.Contains(l.EnrolmentId),
        };
        var found = await reconcile.CompareAsync(provider, change.CohortId,
            lines => lines.Where(l => which(l.Candidate)).ToList(),
            includeApplications: change.Kind == RecordChangeKind.ApplicationRejected, cancellationToken);
        if (found is null)
        {
            return;
        }

        var queued = 0;
        foreach (var difference in found.Differences.Where(d => d.Fix is { } fix && Answers(change, fix)))
        {
            if (await outbox.EnqueueAsync(difference.Fix!, cancellationToken))
            {
                queued++;
            }
            else if (difference.Fix!.Kind == DfeJobKind.SendOutcome && difference.LastJob is { State: DfeJobState.Failed } refused)
            {
                // DfE refuses an outcome until the completed declaration is in: declaring it sends the outcome again.
                queued += await outbox.RetryFailedAsync(provider, refused.Id, time.GetUtcNow().UtcDateTime, cancellationToken) ? 1 : 0;
            }
        }

        logger.LogInformation("Queued {Count} DfE pushes for {ChangeKind} in cohort {CohortId}", queued, change.Kind, change.CohortId);
    }

    /// <summary>Whether the fix is the push for this change (and not some other difference the candidate has with DfE).</summary>
    private static bool Answers(RecordChange change, DfeJob fix) => change.Kind switch
    {
        RecordChangeKind.ApplicationAccepted => fix.Kind == DfeJobKind.AcceptApplication && fix.Payload.DfeApplicationId == change.DfeApplicationId,
        RecordChangeKind.ApplicationRejected => fix.Kind == DfeJobKind.RejectApplication && fix.Payload.DfeApplicationId == change.DfeApplicationId,
        RecordChangeKind.TrainingStatusChanged => fix.Kind is DfeJobKind.Defer or DfeJobKind.Withdraw or DfeJobKind.Resume,
        RecordChangeKind.DeclarationMade => (fix.Kind == DfeJobKind.Declare && fix.Payload.DeclarationType == change.DeclarationType)
            || (fix.Kind == DfeJobKind.SendOutcome && change.DeclarationType == "completed"),
        RecordChangeKind.DeclarationVoided => fix.Kind == DfeJobKind.VoidDeclaration && fix.Payload.DeclarationId == change.DeclarationId,
        RecordChangeKind.OutcomesReleased => fix.Kind == DfeJobKind.SendOutcome,
        _ => false,
    };
}
