using Microsoft.Extensions.Logging;
using Npq.Core.Enrolment;
using Npq.Core.Reporting;

namespace Npq.Core.Dfe;

/// <summary>One place where Npq and DfE disagree, and the push that fixes it (or, when Npq cannot fix it, what to do).</summary>
public sealed record DfeDifference
{
    public required string Key { get; init; }
    public int? EnrolmentId { get; init; }
    public required string CandidateName { get; init; }
    public required string What { get; init; }
    public required string NpqSays { get; init; }
    public required string DfeSays { get; init; }

    /// <summary>The push that makes DfE agree with Npq, when there is one.</summary>
    public DfeJob? Fix { get; init; }

    public string? FixLabel { get; init; }

    /// <summary>What the admin should do when no push fixes it.</summary>
    public string? Advice { get; init; }

    /// <summary>The last push for this fix (its state or DfE's error).</summary>
    public DfeJob? LastJob { get; init; }
}

/// <summary>A declaration Npq holds with DfE's state and the statement that pays (or claws back) it.</summary>
public sealed record DfePayment(string CandidateName, string DeclarationType, string DfeDeclarationId, string State, DfeStatementData? Statement, DfeStatementData? ClawbackStatement);

public sealed record DfeReconciliation(DfeCohort Cohort, IReadOnlyList<DfeDifference> Differences, IReadOnlyList<DfePayment> Payments, int InAgreement)
{
    /// <summary>How many candidates the cohort has (of which these differences cover a page, or all).</summary>
    public int Candidates { get; init; }
}

/// <summary>
/// Compares a cohort in Npq with DfE as last pulled: applications decided, training statuses, declarations made or
/// voided, outcomes released. Each difference carries the push that fixes it; the admin sends one or all, and the
/// pushes go through the outbox (<see cref="DfePush"/>).
/// </summary>
public sealed class DfeReconcile(IDfeMirrorRepository mirror, IDfeOutbox outbox, DeclarationReviewService review, TimeProvider time, ILogger<DfeReconcile> logger)
{
    /// <summary>How many candidates "send all" compares at a time, so no query lists more ids than a database takes.</summary>
    public const int Batch = 500;

    /// <summary>The cohort's differences and payments, or null when the cohort is not the provider's.</summary>
    public async Task<DfeReconciliation?> ForCohortAsync(int providerId, int cohortId, CancellationToken cancellationToken = default)
    {
        var cohort = await mirror.GetCohortAsync(providerId, cohortId, cancellationToken);
        if (cohort is null)
        {
            return null;
        }

        var lines = await review.ReviewCohortAsync(cohortId, time.GetUtcNow().UtcDateTime, cancellationToken);
        var links = await mirror.GetEnrolmentLinksAsync(cohortId, cancellationToken);
        return await CompareLinesAsync(providerId, cohort, lines, links, lines.Count, includeApplications: true, cancellationToken);
    }

    /// <summary>
    /// One page of the cohort's candidates (<paramref name="skip"/>, <paramref name="take"/>, in the declarations review's
    /// order) compared with DfE, with the applications Npq rejected on the first page; the same few queries whatever the
    /// page or the cohort's size, each reading the page's candidates only (the count reads the whole cohort's).
    /// </summary>
    public async Task<DfeReconciliation?> PageAsync(int providerId, int cohortId, int skip, int take, CancellationToken cancellationToken = default)
    {
        var cohort = await mirror.GetCohortAsync(providerId, cohortId, cancellationToken);
        if (cohort is null)
        {
            return null;
        }

        var candidates = (await review.CountCohortAsync(cohortId, cancellationToken)).Candidates;
        var lines = await review.ReviewCohortPageAsync(cohortId, time.GetUtcNow().UtcDateTime, skip, take, cancellationToken);
        var links = lines.Count == 0 ? [] : await mirror.GetEnrolmentLinksAsync(cohortId, lines.Select(l => l.Candidate.EnrolmentId).ToList(), cancellationToken);
        return await CompareLinesAsync(providerId, cohort, lines, links, candidates, includeApplications: skip == 0, cancellationToken);
    }

    /// <summary>
    /// Compares the candidates <paramref name="select"/> picks from the cohort's whole review (the ones a change was
    /// about) and, when <paramref name="includeApplications"/>, the applications Npq rejected; null when the cohort is
    /// not the provider's.
    /// </summary>
    public async Task<DfeReconciliation?> CompareAsync(
        int providerId, int cohortId, Func<IReadOnlyList<DeclarationLine>, IReadOnlyList<DeclarationLine>> select, bool includeApplications, CancellationToken cancellationToken = default)
    {
        var cohort = await mirror.GetCohortAsync(providerId, cohortId, cancellationToken);
        if (cohort is null)
        {
            return null;
        }

        var all = await review.ReviewCohortAsync(cohortId, time.GetUtcNow().UtcDateTime, cancellationToken);
        var links = await mirror.GetEnrolmentLinksAsync(cohortId, cancellationToken);
        return await CompareLinesAsync(providerId, cohort, select(all), links, all.Count, includeApplications, cancellationToken);
    }

    /// <summary>
    /// Compares <paramref name="lines"/> (all of the cohort's, or a page) with DfE and, when
    /// <paramref name="includeApplications"/>, the applications Npq rejected. The queries are the same few whatever the
    /// number of lines.
    /// </summary>
    private async Task<DfeReconciliation> CompareLinesAsync(
        int providerId, DfeCohort cohort, IReadOnlyList<DeclarationLine> lines, IReadOnlyList<DfeEnrolmentLink> enrolmentLinks, int candidates,
        bool includeApplications, CancellationToken cancellationToken)
    {
        var cohortId = cohort.CohortId;
        var links = enrolmentLinks.ToDictionary(l => l.EnrolmentId);
        var applications = includeApplications ? await mirror.GetLinkedApplicationsAsync(providerId, cohortId, cancellationToken) : [];
        var participantIds = lines.Select(l => links.GetValueOrDefault(l.Candidate.EnrolmentId)?.ParticipantId).OfType<string>().Distinct().ToList();
        var dfe = await mirror.GetViewAsync(providerId, participantIds, cancellationToken);
        var dfeApps = dfe.Applications.ToDictionary(a => a.DfeApplicationId);
        var statements = dfe.Statements.ToDictionary(s => s.Id);

        var differences = new List<DfeDifference>();
        var payments = new List<DfePayment>();
        var agree = 0;
        foreach (var line in lines)
        {
            var c = line.Candidate;
            links.TryGetValue(c.EnrolmentId, out var link);
            var name = c.CandidateName;
            if (string.IsNullOrEmpty(c.DfeParticipantId) || link is null)
            {
                differences.Add(new DfeDifference
                {
                    Key = $"noid:{c.EnrolmentId}", EnrolmentId = c.EnrolmentId, CandidateName = name, What = "DfE participant id",
                    NpqSays = "none", DfeSays = "unknown",
                    Advice = "Pull from DfE (an application DfE holds brings its ids), or record the ids on the application.",
                });
                continue;
            }

            var participant = c.DfeParticipantId;
            var course = c.CourseIdentifier;
            var subject = $"enrolment:{c.EnrolmentId}";

            // The application: accepted in Npq (an enrolment exists), so DfE should show it accepted.
            if (c.DfeApplicationId is { } appId)
            {
                var dfeStatus = dfeApps.TryGetValue(appId, out var pulled) ? pulled.Status : null;
                if (dfeStatus != "accepted")
                {
                    differences.Add(Fixing(providerId, $"accept:{appId}", c.EnrolmentId, name, "Application", "accepted", dfeStatus ?? "not pulled yet",
                        DfeJobKind.AcceptApplication, subject, new DfeJobPayload { DfeApplicationId = appId, NpqApplicationId = link.NpqApplicationId }, "Accept at DfE"));
                }
                else
                {
                    agree++;
                }
            }

            // Training status.
            var enrolment = dfe.Enrolments.FirstOrDefault(e => e.ParticipantId == participant && e.CourseIdentifier == course);
            var npqStatus = link.TrainingStatus;
            if (enrolment is not null)
            {
                var want = npqStatus switch { "Deferred" => "deferred", "Withdrawn" => "withdrawn", "Completed" => enrolment.TrainingStatus, _ => "active" };
                if (want != enrolment.TrainingStatus)
                {
                    var (kind, label) = want switch
                    {
                        "deferred" => (DfeJobKind.Defer, "Defer at DfE"),
                        "withdrawn" => (DfeJobKind.Withdraw, "Withdraw at DfE"),
                        _ => (DfeJobKind.Resume, "Resume at DfE"),
                    };
                    var reason = kind == DfeJobKind.Resume ? null : link.StatusReason ?? "other";
                    var known = kind switch
                    {
                        DfeJobKind.Defer => DfeReasons.Deferral,
                        DfeJobKind.Withdraw => DfeReasons.Withdrawal,
                        _ => null,
                    };
                    if (known is not null && !known.Contains(reason))
                    {
                        reason = "other";
                    }

                    differences.Add(Fixing(providerId, $"{kind.ToString().ToLowerInvariant()}:{participant}:{course}:{enrolment.UpdatedAt.Ticks}", c.EnrolmentId, name,
                        "Training status", npqStatus.ToLowerInvariant() + (link.StatusReason is null ? string.Empty : $" ({link.StatusReason})"), enrolment.TrainingStatus,
                        kind, subject, new DfeJobPayload { ParticipantId = participant, CourseIdentifier = course, Reason = reason, EnrolmentId = c.EnrolmentId }, label));
                }
                else
                {
                    agree++;
                }
            }

            var theirs = dfe.Declarations.Where(d => d.ParticipantId == participant && d.CourseIdentifier == course).ToList();
            var matched = new HashSet<string>();
            foreach (var live in line.Items.Select(i => i.Live).OfType<DeclarationRecord>())
            {
                var type = live.Type.ToDfe();
                var at = theirs.FirstOrDefault(d => d.Id == live.DfeDeclarationId) ?? theirs.FirstOrDefault(d => d.DeclarationType == type && d.State != "voided");
                if (at is null)
                {
                    differences.Add(Fixing(providerId, $"declare:{live.Id}", c.EnrolmentId, name, $"Declaration {type}", $"declared ({live.DeclarationUtc:yyyy-MM-dd})", "not held",
                        DfeJobKind.Declare, $"declaration:{live.Id}",
                        new DfeJobPayload
                        {
                            ParticipantId = participant, CourseIdentifier = course, DeclarationId = live.Id, DeclarationType = type, DeclarationDate = live.DeclarationUtc,
                            HasPassed = live.Type == DeclarationType.Completed ? line.Outcome?.State == OutcomeState.Passed : null, EnrolmentId = c.EnrolmentId,
                        }, "Declare to DfE"));
                    continue;
                }

                matched.Add(at.Id);
                payments.Add(new DfePayment(name, type, at.Id, at.State, Statement(at.StatementId), Statement(at.ClawbackStatementId)));
                if (at.State == "voided")
                {
                    differences.Add(new DfeDifference
                    {
                        Key = $"dfevoided:{live.Id}", EnrolmentId = c.EnrolmentId, CandidateName = name, What = $"Declaration {type}", NpqSays = "declared", DfeSays = "voided",
                        Advice = "DfE voided it: void it in Npq's declarations too, or declare it again when it is justified.",
                    });
                }
                else
                {
                    agree++;
                }
            }

            foreach (var voided in line.Voided)
            {
                var type = voided.Type.ToDfe();
                var at = theirs.FirstOrDefault(d => d.Id == voided.DfeDeclarationId && d.State != "voided")
                    ?? (voided.DfeDeclarationId is null ? theirs.FirstOrDefault(d => d.DeclarationType == type && d.State != "voided" && !matched.Contains(d.Id)) : null);
                if (at is not null && !matched.Contains(at.Id))
                {
                    matched.Add(at.Id);
                    differences.Add(Fixing(providerId, $"void:{voided.Id}", c.EnrolmentId, name, $"Declaration {type}", "voided", at.State,
                        DfeJobKind.VoidDeclaration, $"declaration:{voided.Id}",
                        new DfeJobPayload { ParticipantId = participant, CourseIdentifier = course, DeclarationId = voided.Id, DeclarationType = type, DfeDeclarationId = at.Id, EnrolmentId = c.EnrolmentId },
                        "Void at DfE"));
                }
            }

            foreach (var extra in theirs.Where(d => d.State != "voided" && !matched.Contains(d.Id)))
            {
                differences.Add(new DfeDifference
                {
                    Key = $"extra:{extra.Id}", EnrolmentId = c.EnrolmentId, CandidateName = name, What = $"Declaration {extra.DeclarationType}", NpqSays = "not recorded", DfeSays = extra.State,
                    Advice = "DfE holds a declaration Npq has not recorded: record it on the cohort's declarations page with DfE's id " + extra.Id + ", or void it at DfE.",
                });
            }

            if (line.Outcome is { } outcome)
            {
                var state = outcome.State == OutcomeState.Passed ? "passed" : "failed";
                var date = outcome.CompletionDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                var sent = dfe.Outcomes.Where(o => o.ParticipantId == participant && o.CourseIdentifier == course).ToList();
                if (!sent.Any(o => o.State == state && o.CompletionDate.StartsWith(date, StringComparison.Ordinal)))
                {
                    differences.Add(Fixing(providerId, $"outcome:{c.EnrolmentId}:{state}:{date}", c.EnrolmentId, name, "Outcome", $"{state} on {date}",
                        sent.LastOrDefault() is { } last ? $"{last.State} on {last.CompletionDate}" : "missing",
                        DfeJobKind.SendOutcome, subject,
                        new DfeJobPayload { ParticipantId = participant, CourseIdentifier = course, OutcomeState = state, CompletionDate = outcome.CompletionDate, EnrolmentId = c.EnrolmentId },
                        "Send outcome to DfE"));
                }
                else
                {
                    agree++;
                }
            }
        }

        // Applications Npq rejected while DfE still shows them pending.
        foreach (var application in applications.Where(a => a.Status == nameof(ApplicationStatus.Rejected)))
        {
            if (dfeApps.TryGetValue(application.DfeApplicationId, out var pulled) && pulled.Status == "pending")
            {
                differences.Add(Fixing(providerId, $"reject:{application.DfeApplicationId}", null, pulled.FullName, "Application", "rejected", "pending",
                    DfeJobKind.RejectApplication, $"application:{application.NpqApplicationId}",
                    new DfeJobPayload { DfeApplicationId = application.DfeApplicationId, NpqApplicationId = application.NpqApplicationId }, "Reject at DfE"));
            }
        }

        var jobs = (await outbox.ForSubjectsAsync(providerId, differences.Where(d => d.Fix is not null).Select(d => d.Fix!.Subject).Distinct().ToList(), cancellationToken))
            .GroupBy(j => j.IdempotencyKey).ToDictionary(g => g.Key, g => g.First());
        differences = differences.Select(d => d.Fix is { } fix && jobs.TryGetValue(fix.IdempotencyKey, out var job) ? d with { LastJob = job } : d).ToList();
        return new DfeReconciliation(cohort, differences, payments, agree) { Candidates = candidates };

        DfeStatementData? Statement(string? id) => id is not null && statements.TryGetValue(id, out var s) ? s : null;
    }

    /// <summary>The one enrolment of the cohort compared with DfE (the page shown again when its DfE ids were refused); null when the cohort is not the provider's.</summary>
    public async Task<DfeReconciliation?> EnrolmentAsync(int providerId, int cohortId, int enrolmentId, CancellationToken cancellationToken = default)
    {
        var cohort = await mirror.GetCohortAsync(providerId, cohortId, cancellationToken);
        if (cohort is null)
        {
            return null;
        }

        var line = await review.ReviewEnrolmentAsync(cohortId, enrolmentId, time.GetUtcNow().UtcDateTime, cancellationToken);
        IReadOnlyList<DeclarationLine> lines = line is null ? [] : [line];
        var links = line is null ? [] : await mirror.GetEnrolmentLinksAsync(cohortId, [enrolmentId], cancellationToken);
        var candidates = (await review.CountCohortAsync(cohortId, cancellationToken)).Candidates;
        return await CompareLinesAsync(providerId, cohort, lines, links, candidates, includeApplications: false, cancellationToken);
    }

    /// <summary>Queues the fix of one difference (by its key) or of all of them (key null); the number queued, or null when the cohort is not the provider's.</summary>
    public async Task<int?> QueueFixesAsync(int providerId, int cohortId, string? key, CancellationToken cancellationToken = default)
    {
        var first = await PageAsync(providerId, cohortId, 0, Batch, cancellationToken);
        if (first is null)
        {
            return null;
        }

        var differences = first.Differences.ToList();
        for (var skip = Batch; skip < first.Candidates; skip += Batch)
        {
            differences.AddRange((await PageAsync(providerId, cohortId, skip, Batch, cancellationToken))?.Differences ?? []);
        }

        var queued = 0;
        foreach (var difference in differences.Where(d => d.Fix is not null && (key is null || d.Key == key)))
        {
            if (await outbox.EnqueueAsync(difference.Fix!, cancellationToken))
            {
                queued++;
            }
            else if (difference.LastJob is { State: DfeJobState.Failed } failed)
            {
                // Asked again after DfE refused: try it once more (the admin may have fixed the cause).
                queued += await outbox.RetryFailedAsync(providerId, failed.Id, time.GetUtcNow().UtcDateTime, cancellationToken) ? 1 : 0;
            }
        }

        logger.LogInformation("Queued {Count} DfE pushes for cohort {CohortId}", queued, cohortId);
        return queued;
    }

    private DfeDifference Fixing(int providerId, string key, int? enrolmentId, string name, string what, string npq, string dfe, DfeJobKind kind, string subject, DfeJobPayload payload, string label) =>
        new()
        {
            Key = key, EnrolmentId = enrolmentId, CandidateName = name, What = what, NpqSays = npq, DfeSays = dfe, FixLabel = label,
            Fix = new DfeJob
            {
                ProviderId = providerId, Kind = kind, IdempotencyKey = $"{providerId}:{key}", Subject = subject, Payload = payload,
                State = DfeJobState.Pending, NextAttemptUtc = time.GetUtcNow().UtcDateTime, CreatedUtc = time.GetUtcNow().UtcDateTime,
            },
        };
}
