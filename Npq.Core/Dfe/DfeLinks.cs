using Microsoft.Extensions.Logging;
using Npq.Core.Auditing;
using Npq.Core.Enrolment;

namespace Npq.Core.Dfe;

/// <summary>How recording DfE's ids for an enrolment went.</summary>
public enum DfeLinkOutcome
{
    NotFound,
    Invalid,
    Done,
}

/// <summary>
/// Records DfE's ids (participant and application, both UUIDs) for an enrolment of the provider: on the accepted
/// application behind it, or, for an enrolment made without one (enrolled directly or imported), as its accepted
/// application. Another enrolment of the provider already holding the application id is refused: DfE's ids are
/// never shared.
/// </summary>
public sealed class DfeLinks(IDfeMirrorRepository mirror, IAuditLog audit, TimeProvider time, ILogger<DfeLinks> logger)
{
    public async Task<(DfeLinkOutcome Outcome, IReadOnlyList<(string Field, string Message)> Problems)> LinkAsync(
        int providerId, int cohortId, int enrolmentId, string? participantId, string? applicationId, ActingUser actor, CancellationToken cancellationToken = default)
    {
        var links = await mirror.GetEnrolmentLinksOrBareAsync(cohortId, cancellationToken);
        var cohort = await mirror.GetCohortAsync(providerId, cohortId, cancellationToken);
        if (cohort is null || links.All(l => l.EnrolmentId != enrolmentId))
        {
            return (DfeLinkOutcome.NotFound, []);
        }

        var participant = participantId?.Trim() ?? string.Empty;
        var application = applicationId?.Trim() ?? string.Empty;
        var problems = new List<(string, string)>();
        if (participant.Length == 0)
        {
            problems.Add(("participantId", "Enter DfE's participant id."));
        }
        else if (DfeIds.UuidProblem(participant, "participant id") is { } p)
        {
            problems.Add(("participantId", p));
        }

        if (application.Length == 0)
        {
            problems.Add(("applicationId", "Enter DfE's application id."));
        }
        else if (DfeIds.UuidProblem(application, "application id") is { } a)
        {
            problems.Add(("applicationId", a));
        }
        else if (await mirror.FindNpqApplicationAsync(providerId, application, cancellationToken) is { } taken
            && links.FirstOrDefault(l => l.EnrolmentId == enrolmentId)?.NpqApplicationId != taken)
        {
            problems.Add(("applicationId", "Another application in Npq already has that DfE application id."));
        }

        if (problems.Count > 0)
        {
            return (DfeLinkOutcome.Invalid, problems);
        }

        var now = time.GetUtcNow().UtcDateTime;
        await mirror.LinkEnrolmentAsync(enrolmentId, participant, application, now, cancellationToken);
        await audit.WriteAsync(new AuditEntry
        {
            OccurredUtc = now, ActorUserId = actor.UserId, Action = "dfe.linked", Subject = $"enrolment:{enrolmentId}", Detail = "DfE ids recorded", IpAddress = actor.IpAddress,
        }, cancellationToken);
        logger.LogInformation("DfE ids recorded for enrolment {EnrolmentId} by {UserId}", enrolmentId, actor.UserId);
        return (DfeLinkOutcome.Done, []);
    }
}
