using Npq.Core.Enrolment;

namespace Npq.Tests.Builders;

/// <summary>DfE's ids for an application (participant, application, TRN), as an import or DfE's API gives them.</summary>
public sealed record DfeIds(string? ParticipantId, string? ApplicationId, string? Trn = "1234567");

/// <summary>A candidate on a cohort: their account, their enrolment and the application that led to it.</summary>
public sealed record EnrolledCandidate(int UserId, int EnrolmentId, int CohortId, int ApplicationId);

/// <summary>
/// The demo provider's courses and cohorts, made by its admin through <see cref="CourseCatalogue"/> and
/// <see cref="CohortAdministration"/>, and candidates who apply (<see cref="ApplicationIntake.RecordAsync"/>) and are
/// accepted (<see cref="ApplicationReview.AcceptAsync"/>), which is how an enrolment comes to be.
/// </summary>
public sealed class CohortBuilder(Build build)
{
    /// <summary>When a candidate applies unless told otherwise.</summary>
    public static readonly DateTime AppliedUtc = new(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>When a candidate is accepted (and so enrolled) unless told otherwise: before anything they do on the course.</summary>
    public static readonly DateTime EnrolledUtc = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// One of DfE's NPQs (<paramref name="identifier"/>, which the provider must not already run), named
    /// "Course {identifier}", following <paramref name="framework"/>, free.
    /// </summary>
    public async Task<int> CourseAsync(string identifier, string? framework = Build.FrameworkCode)
    {
        var providerId = await build.ProviderIdAsync();
        var actor = new ActingUser((await build.AdminAsync()).Id);
        return await build.RunAsync<CourseCatalogue, int>(null, async courses =>
        {
            var check = await courses.CheckAsync(providerId, 0, new CourseInput(identifier, "Course " + identifier, framework, "0"));
            return check.IsValid
                ? await courses.CreateAsync(check, actor)
                : Build.Refused<int>($"course {identifier}", check.Problems.Select(p => p.Message));
        });
    }

    /// <summary>
    /// A cohort of the course: DfE cohort 2026b, online, 5 January 2026 to 31 July 2027, 100 places, in
    /// <paramref name="timeZone"/>, with a delivery partner or none.
    /// </summary>
    public async Task<int> CohortAsync(int courseId, string name, int? partnerId = null, string timeZone = "Europe/London", int capacity = 100)
    {
        var providerId = await build.ProviderIdAsync();
        var actor = new ActingUser((await build.AdminAsync()).Id);
        var input = new CohortInput
        {
            CourseId = courseId, Name = name, StartYear = 2026, Suffix = "b", StartDate = new DateOnly(2026, 1, 5), EndDate = new DateOnly(2027, 7, 31),
            DeliveryModel = DeliveryModel.Online, TimeZone = timeZone, Capacity = capacity, DeliveryPartnerId = partnerId,
        };
        return await build.RunAsync<CohortAdministration, int>(null, async cohorts =>
        {
            var check = await cohorts.CheckAsync(providerId, null, input);
            return check.IsValid
                ? await cohorts.CreateAsync(check, actor)
                : Build.Refused<int>($"cohort {name}", check.Problems.Select(p => p.Message));
        });
    }

    /// <summary>A new candidate (invited by the admin, at a school or none) who applies to the cohort and is accepted.</summary>
    public async Task<EnrolledCandidate> CandidateAsync(
        int cohortId, string email, string name, int? schoolId = null, int? mentorId = null, DfeIds? dfe = null, DateTime? enrolledUtc = null) =>
        await EnrolAsync(cohortId, await build.People.CandidateAsync(email, name, schoolId), mentorId, dfe, enrolledUtc);

    /// <summary>
    /// Someone who exists applies to the cohort (at <see cref="AppliedUtc"/>, with <paramref name="dfe"/>'s ids or none) and
    /// the admin accepts them at <paramref name="enrolledUtc"/> (default <see cref="EnrolledUtc"/>), with a mentor or none.
    /// </summary>
    public async Task<EnrolledCandidate> EnrolAsync(int cohortId, int candidateUserId, int? mentorId = null, DfeIds? dfe = null, DateTime? enrolledUtc = null)
    {
        var providerId = await build.ProviderIdAsync();
        var actor = new ActingUser((await build.AdminAsync()).Id);
        var cohort = await build.RunAsync<CohortAdministration, CohortSummary?>(null, cohorts => cohorts.FindAsync(providerId, cohortId))
            ?? Build.Refused<CohortSummary>($"enrolment in cohort {cohortId}", ["the cohort is not the demo provider's"]);
        var draft = new Application
        {
            CohortId = cohortId, ApplicantUserId = candidateUserId, SchoolName = "Somewhere School", Role = "Deputy head",
            Qualification = TeachingQualification.Qts, QualificationGainedOn = new DateOnly(2015, 7, 1), YearsTeachingSince = 5, FundingRoute = FundingRoute.School,
            DfeParticipantId = dfe?.ParticipantId, DfeApplicationId = dfe?.ApplicationId, Trn = dfe?.Trn,
        };
        var applicationId = await build.RunAsync<ApplicationIntake, int>(null, intake => intake.RecordAsync(cohort, draft, AppliedUtc, AppliedUtc));
        var decision = await build.RunAsync<ApplicationReview, Decision>(enrolledUtc ?? EnrolledUtc, async review =>
            await review.AcceptAsync((await review.FindAsync(providerId, applicationId))!, mentorId, actor));
        if (decision.Outcome != DecisionOutcome.Done)
        {
            return Build.Refused<EnrolledCandidate>($"acceptance of application {applicationId}", [decision.Outcome.ToString(), decision.Problem?.Message ?? string.Empty]);
        }

        var enrolment = (await build.Service<IEnrolmentRepository>().GetForCandidateAsync(candidateUserId)).Single(e => e.CohortId == cohortId);
        return new EnrolledCandidate(candidateUserId, enrolment.Id, cohortId, applicationId);
    }

    /// <summary>The admin withdraws the enrolment (<see cref="EnrolmentManagement.ChangeStatusAsync"/>), with one of DfE's reasons.</summary>
    public Task WithdrawAsync(int enrolmentId, string reason = "change-in-school-circumstances") =>
        ChangeStatusAsync(enrolmentId, TrainingStatus.Withdrawn, reason);

    /// <summary>Moves the enrolment to another training status, as the admin does on its page.</summary>
    public async Task ChangeStatusAsync(int enrolmentId, TrainingStatus to, string? reason = null)
    {
        var providerId = await build.ProviderIdAsync();
        var actor = new ActingUser((await build.AdminAsync()).Id);
        var decision = await build.RunAsync<EnrolmentManagement, Decision>(null, async management =>
        {
            var enrolment = await management.FindAsync(providerId, enrolmentId)
                ?? Build.Refused<EnrolmentView>($"status change of enrolment {enrolmentId}", ["not the demo provider's"]);
            return await management.ChangeStatusAsync(enrolment, enrolment.Enrolment.Version, to, reason, actor);
        });
        if (decision.Outcome != DecisionOutcome.Done)
        {
            Build.Refused<bool>($"status change of enrolment {enrolmentId} to {to}", [decision.Outcome.ToString(), decision.Problem?.Message ?? string.Empty]);
        }
    }
}
