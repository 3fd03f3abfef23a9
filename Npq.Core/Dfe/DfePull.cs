using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npq.Core.Enrolment;
using Npq.Core.Time;

namespace Npq.Core.Dfe;

/// <summary>
/// Pulls from DfE what changed since the last pull (applications and participants by <c>filter[updated_since]</c>,
/// every page), and DfE's declarations, outcomes and statements for the reconcile page. A new application lands in
/// the applications inbox, matched to a person of the provider by TRN and then email (never a second account or a
/// second application); a participant id DfE replaced is replaced in Npq too. One instance pulls a provider at a time
/// (a claim in the database).
/// </summary>
public sealed class DfePull(
    DfeSettings settings,
    IDfeApi api,
    IDfeConnectionRepository connections,
    IDfeMirrorRepository mirror,
    IImportRepository imports,
    ICohortRepository cohorts,
    IOptions<FeeOptions> fees,
    TimeProvider time,
    ILogger<DfePull> logger)
{
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(10);

    public async Task<DfePullSummary> PullAsync(int providerId, string worker, CancellationToken cancellationToken = default)
    {
        var endpoint = await settings.EndpointAsync(providerId, cancellationToken);
        if (endpoint is null)
        {
            return new DfePullSummary(0, 0, 0, 0, 0, "The DfE sync is off, or its token must be entered again.");
        }

        var started = time.GetUtcNow().UtcDateTime;
        if (!await connections.ClaimPullAsync(providerId, worker, started, started + ClaimFor, cancellationToken))
        {
            return new DfePullSummary(0, 0, 0, 0, 0, "A pull from DfE is already running; try again in a minute.");
        }

        var connection = await connections.GetAsync(providerId, cancellationToken);
        DateTime? applicationsMark = null, participantsMark = null;
        int seen = 0, landed = 0, participants = 0, changed = 0, declarations = 0;
        string? problem = null;
        try
        {
            var apps = await api.ListApplicationsAsync(endpoint, connection?.ApplicationsSyncedUtc, cancellationToken);
            if (!apps.Succeeded)
            {
                problem = "Applications: " + apps.Describe();
            }
            else
            {
                var ourCohorts = await mirror.GetCohortsAsync(providerId, cancellationToken);
                var allLanded = true;
                foreach (var application in apps.Value!)
                {
                    seen++;
                    var (npqId, why, isNew) = await LandAsync(providerId, application, ourCohorts, cancellationToken);
                    await mirror.UpsertApplicationAsync(providerId, application, npqId, why, cancellationToken);
                    landed += isNew ? 1 : 0;
                    allLanded &= why is null || npqId is not null || application.Status != "pending";
                }

                // An application that could not land (no cohort yet) is asked for again next time.
                applicationsMark = allLanded ? started : connection?.ApplicationsSyncedUtc;
            }

            var people = await api.ListParticipantsAsync(endpoint, connection?.ParticipantsSyncedUtc, cancellationToken);
            if (!people.Succeeded)
            {
                problem = Join(problem, "Participants: " + people.Describe());
            }
            else
            {
                foreach (var participant in people.Value!)
                {
                    participants++;
                    foreach (var change in participant.IdChanges)
                    {
                        changed += await mirror.ReplaceParticipantIdAsync(providerId, change.From, change.To, cancellationToken);
                    }

                    await mirror.UpsertParticipantAsync(providerId, participant, cancellationToken);
                }

                participantsMark = started;
            }

            var declared = await api.ListDeclarationsAsync(endpoint, null, cancellationToken);
            if (declared.Succeeded)
            {
                foreach (var d in declared.Value!)
                {
                    declarations++;
                    await mirror.UpsertDeclarationAsync(providerId, d, cancellationToken);
                }
            }
            else
            {
                problem = Join(problem, "Declarations: " + declared.Describe());
            }

            var outcomes = await api.ListOutcomesAsync(endpoint, cancellationToken);
            if (outcomes.Succeeded)
            {
                foreach (var o in outcomes.Value!)
                {
                    await mirror.UpsertOutcomeAsync(providerId, o, cancellationToken);
                }
            }

            var statements = await api.ListStatementsAsync(endpoint, cancellationToken);
            if (statements.Succeeded)
            {
                foreach (var s in statements.Value!)
                {
                    await mirror.UpsertStatementAsync(providerId, s, cancellationToken);
                }
            }
        }
        finally
        {
            await connections.FinishPullAsync(providerId, worker, time.GetUtcNow().UtcDateTime, applicationsMark, participantsMark, problem, CancellationToken.None);
        }

        logger.LogInformation(
            "DfE pull for provider {ProviderId}: {Seen} applications ({Landed} new in the inbox), {Participants} participants, {Changed} ids changed, {Declarations} declarations",
            providerId, seen, landed, participants, changed, declarations);
        return new DfePullSummary(seen, landed, participants, changed, declarations, problem);
    }

    private async Task<(int? NpqId, string? Problem, bool IsNew)> LandAsync(int providerId, DfeApplicationData application, IReadOnlyList<DfeCohort> ourCohorts, CancellationToken cancellationToken)
    {
        if (await mirror.FindNpqApplicationAsync(providerId, application.Id, cancellationToken) is { } existing)
        {
            return (existing, null, false);
        }

        if (application.Status is not (null or "pending"))
        {
            return (null, $"DfE shows it {application.Status}; only pending applications come into the inbox.", false);
        }

        var cohort = ourCohorts.FirstOrDefault(c => Same(c, application, withSuffix: true)) ?? ourCohorts.FirstOrDefault(c => Same(c, application, withSuffix: false));
        if (cohort is null)
        {
            return (null, $"No cohort of {application.CourseIdentifier} for DfE cohort {application.Cohort}{application.CohortSuffix}: create it, then pull again.", false);
        }

        var email = application.Trn is { } trn && DfeIds.IsTrn(trn) ? await mirror.FindEmailByTrnAsync(providerId, trn, cancellationToken) : null;
        email ??= application.Email?.Trim();
        if (string.IsNullOrEmpty(email) || !EmailRule.IsPlausible(email))
        {
            return (null, "DfE gave no usable email address and no TRN Npq knows.", false);
        }

        var summary = await cohorts.GetSummaryAsync(cohort.CohortId, cancellationToken);
        if (summary is null)
        {
            return (null, "The cohort has gone.", false);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var draft = new Application
        {
            CohortId = cohort.CohortId,
            SchoolName = Clip(application.EmployerName) ?? "Not given by DfE",
            Role = Clip(application.EmploymentRole) ?? "Not given by DfE",
            Qualification = TeachingQualification.None,
            FundingRoute = Enum.TryParse<FundingRoute>(application.FundingChoice, ignoreCase: true, out var route) ? route : FundingRoute.School,
            DfeParticipantId = application.ParticipantId,
            DfeApplicationId = application.Id,
            Trn = DfeIds.IsTrn(application.Trn) ? application.Trn : null,
        };
        var completed = ApplicationSubmission.Complete(draft, summary.Course.PricePence, fees.Value.VatRate, ZonedTime.Today(now, cohort.TimeZone), now);
        await imports.ImportApplicationsAsync([(new ImportedPerson(email, application.FullName, providerId), completed)], now, cancellationToken);
        return (await mirror.FindNpqApplicationAsync(providerId, application.Id, cancellationToken), null, true);
    }

    private static bool Same(DfeCohort cohort, DfeApplicationData application, bool withSuffix) =>
        cohort.CourseIdentifier == application.CourseIdentifier
        && cohort.StartYear.ToString(System.Globalization.CultureInfo.InvariantCulture) == application.Cohort
        && (!withSuffix || cohort.Suffix == (application.CohortSuffix ?? string.Empty));

    private static string? Clip(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(value.Trim().Length, 200)];

    private static string Join(string? a, string b) => a is null ? b : a + " " + b;
}
