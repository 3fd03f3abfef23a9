using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Npq.Core.Dfe;

/// <summary>
/// Runs the outbox: claims due jobs, sends each to DfE, and records DfE's answer. A refusal (400, 404, 422) stops the
/// job with DfE's errors for the admin; a busy or unreachable DfE (429, 5xx, no answer) is tried again later, after
/// DfE's <c>Retry-After</c> or the backoff (<see cref="DfeRetry"/>); a 410 (the participant was merged into another)
/// is followed by asking DfE for the new id and sending again. Declarations and voids look first at what DfE already
/// holds, so a job that ran twice (a worker died after DfE answered) does not declare twice.
/// </summary>
public sealed class DfePush(DfeSettings settings, IDfeApi api, IDfeOutbox outbox, IDfeMirrorRepository mirror, TimeProvider time, ILogger<DfePush> logger)
{
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    /// <summary>Runs up to <paramref name="max"/> due jobs; returns how many were claimed.</summary>
    public async Task<int> RunDueAsync(string worker, int max = 50, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var jobs = await outbox.ClaimDueAsync(worker, now, now + ClaimFor, max, cancellationToken);
        foreach (var job in jobs)
        {
            await RunAsync(job, worker, cancellationToken);
        }

        return jobs.Count;
    }

    private async Task RunAsync(DfeJob job, string worker, CancellationToken cancellationToken)
    {
        var endpoint = await settings.EndpointAsync(job.ProviderId, cancellationToken);
        if (endpoint is null)
        {
            await LaterAsync(job, worker, 0, "The DfE sync is off, or its token must be entered again.", null, cancellationToken);
            return;
        }

        var payload = job.Payload;
        var (status, result, error, retryAfter) = await SendAsync(endpoint, job.Kind, payload, cancellationToken);
        if (status == 410 && payload.ParticipantId is { } old)
        {
            var found = await api.FindByFormerIdAsync(endpoint, old, cancellationToken);
            var replacement = found.Value?.SelectMany(p => p.IdChanges.Where(c => c.From == old).Select(c => c.To).Append(p.Id)).FirstOrDefault();
            if (found.Succeeded && replacement is not null && replacement != old)
            {
                await mirror.ReplaceParticipantIdAsync(job.ProviderId, old, replacement, cancellationToken);
                payload = payload with { ParticipantId = replacement };
                await outbox.UpdatePayloadAsync(job.Id, worker, payload, cancellationToken);
                logger.LogInformation("DfE job {JobId}: participant id changed, sending again", job.Id);
                (status, result, error, retryAfter) = await SendAsync(endpoint, job.Kind, payload, cancellationToken);
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (status is >= 200 and < 300)
        {
            await outbox.CompleteAsync(job.Id, worker, status, result, now, cancellationToken);
            logger.LogInformation("DfE job {JobId} ({Kind}) done", job.Id, job.Kind);
        }
        else if (DfeRetry.IsTransient(status) && !DfeRetry.GivesUp(job.Attempts))
        {
            await LaterAsync(job, worker, status, error ?? "DfE did not answer.", retryAfter, cancellationToken);
        }
        else
        {
            await outbox.FailAsync(job.Id, worker, status, error ?? $"DfE answered {status}.", now, cancellationToken);
            logger.LogWarning("DfE job {JobId} ({Kind}) failed with status {Status}", job.Id, job.Kind, status);
        }
    }

    private async Task LaterAsync(DfeJob job, string worker, int status, string error, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var next = time.GetUtcNow().UtcDateTime + DfeRetry.Delay(job.Attempts, retryAfter, Random.Shared.NextDouble());
        await outbox.RetryLaterAsync(job.Id, worker, status, error, next, cancellationToken);
        logger.LogInformation("DfE job {JobId} answered {Status}: next attempt at {NextAttemptUtc:O}", job.Id, status, next);
    }

    private async Task<(int Status, string? Result, string? Error, TimeSpan? RetryAfter)> SendAsync(DfeEndpoint endpoint, DfeJobKind kind, DfeJobPayload p, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case DfeJobKind.AcceptApplication:
                return Done(await api.AcceptApplicationAsync(endpoint, p.DfeApplicationId!, null, cancellationToken), a => $"DfE application {a.Status}");
            case DfeJobKind.RejectApplication:
                return Done(await api.RejectApplicationAsync(endpoint, p.DfeApplicationId!, cancellationToken), a => $"DfE application {a.Status}");
            case DfeJobKind.Defer or DfeJobKind.Withdraw or DfeJobKind.Resume:
                var change = kind switch { DfeJobKind.Defer => DfeStatusChange.Defer, DfeJobKind.Withdraw => DfeStatusChange.Withdraw, _ => DfeStatusChange.Resume };
                var changed = await api.ChangeStatusAsync(endpoint, p.ParticipantId!, change, p.CourseIdentifier!, p.Reason, cancellationToken);
                if (changed.Succeeded)
                {
                    await mirror.UpsertParticipantAsync(endpoint.ProviderId, changed.Value!, cancellationToken);
                }

                return Done(changed, x => "DfE training status " + (x.Enrolments.FirstOrDefault(e => e.CourseIdentifier == p.CourseIdentifier)?.TrainingStatus ?? "?"));
            case DfeJobKind.Declare:
                return await DeclareAsync(endpoint, p, cancellationToken);
            case DfeJobKind.VoidDeclaration:
                return await VoidAsync(endpoint, p, cancellationToken);
            case DfeJobKind.SendOutcome:
                var sent = await api.SendOutcomeAsync(endpoint, p.ParticipantId!, p.CourseIdentifier!, p.OutcomeState!, p.CompletionDate!.Value, cancellationToken);
                if (sent.Succeeded)
                {
                    await mirror.UpsertOutcomeAsync(endpoint.ProviderId, sent.Value!, cancellationToken);
                }

                return Done(sent, o => $"DfE outcome {o.Id} {o.State}");
            default:
                return (400, null, $"Npq does not know how to send {kind}.", null);
        }
    }

    private async Task<(int, string?, string?, TimeSpan?)> DeclareAsync(DfeEndpoint endpoint, DfeJobPayload p, CancellationToken cancellationToken)
    {
        var held = await api.ListDeclarationsAsync(endpoint, p.ParticipantId, cancellationToken);
        if (!held.Succeeded && held.Status != 410)
        {
            return Done(held.As<DfeDeclarationData>(), _ => string.Empty);
        }

        var existing = held.Value?.FirstOrDefault(d => d.DeclarationType == p.DeclarationType && d.CourseIdentifier == p.CourseIdentifier && d.State != "voided");
        var answer = existing is not null
            ? DfeAnswer<DfeDeclarationData>.Ok(existing)
            : await api.DeclareAsync(endpoint, p.ParticipantId!, p.CourseIdentifier!, p.DeclarationType!, p.DeclarationDate!.Value, p.HasPassed, cancellationToken);
        if (answer.Succeeded)
        {
            await mirror.UpsertDeclarationAsync(endpoint.ProviderId, answer.Value!, cancellationToken);
            await mirror.SetNpqDeclarationDfeIdAsync(p.DeclarationId!.Value, answer.Value!.Id, cancellationToken);
        }

        return Done(answer, d => $"DfE declaration {d.Id} {d.State}");
    }

    private async Task<(int, string?, string?, TimeSpan?)> VoidAsync(DfeEndpoint endpoint, DfeJobPayload p, CancellationToken cancellationToken)
    {
        var id = p.DfeDeclarationId;
        if (id is null && p.ParticipantId is not null)
        {
            var held = await api.ListDeclarationsAsync(endpoint, p.ParticipantId, cancellationToken);
            id = held.Value?.FirstOrDefault(d => d.DeclarationType == p.DeclarationType && d.CourseIdentifier == p.CourseIdentifier && d.State != "voided")?.Id;
        }

        if (id is null)
        {
            return (404, null, "DfE holds no such declaration to void.", null);
        }

        var answer = await api.VoidDeclarationAsync(endpoint, id, cancellationToken);
        if (answer.Succeeded)
        {
            await mirror.UpsertDeclarationAsync(endpoint.ProviderId, answer.Value!, cancellationToken);
        }

        return Done(answer, d => $"DfE declaration {d.Id} {d.State}");
    }

    private static (int, string?, string?, TimeSpan?) Done<T>(DfeAnswer<T> answer, Func<T, string> describe) =>
        answer.Succeeded ? (answer.Status, describe(answer.Value!), null, null) : (answer.Status, null, answer.Describe(), answer.RetryAfter);

    /// <summary>The payload as stored (JSON), for the outbox's repository.</summary>
    public static string Serialize(DfeJobPayload payload) => JsonSerializer.Serialize(payload);

    public static DfeJobPayload Deserialize(string json) => JsonSerializer.Deserialize<DfeJobPayload>(json) ?? new DfeJobPayload();
}
