using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npq.Core.Accounts;
using Npq.Core.Frameworks;
using Npq.Core.Time;
using Npq.Core.Validation;

namespace Npq.Core.Enrolment;

/// <summary>
/// A page of the public list of cohorts open for applications: the page's cohorts, how many match the filter, whether
/// the page asked for was past the end (so the first is shown), the courses to filter by, and which of the page's
/// frameworks have content to read.
/// </summary>
public sealed record OpenCohorts(IReadOnlyList<CohortSummary> Cohorts, int Total, bool FromStart, IReadOnlyList<(string Identifier, string Name)> Courses, IReadOnlySet<string> FrameworksWithContent);

/// <summary>What the apply page quotes: the price paid by an organisation, by the applicant (with VAT), and whether the course's framework can be read.</summary>
public sealed record ApplyOffer(PriceQuote OrganisationPrice, PriceQuote SelfPrice, decimal VatRate, bool FrameworkHasContent);

/// <summary>The account someone asks for while applying, when they are not signed in.</summary>
public sealed record NewAccount(string? DisplayName, string? Email, string? Password);

/// <summary>A submitted application: its id and, when one was made on the way, the new account to sign in; or the problems by field.</summary>
public sealed record SubmitResult(int? ApplicationId, AppUser? NewAccount, IReadOnlyList<FieldProblem> Problems)
{
    public bool Succeeded => ApplicationId is not null;
}

/// <summary>
/// Applying: the open cohorts, the offer, the checks on what an applicant enters, creating their account on the way,
/// the application as submitted (entry check and price worked out once, in <see cref="ApplicationSubmission"/>), and
/// the applicant's own applications, which only they reach.
/// </summary>
public sealed class ApplicationIntake(
    ICohortRepository cohorts,
    IApplicationRepository applications,
    ApplicationMoves moves,
    CandidateRegistration registration,
    IFrameworkCatalog frameworks,
    IOptions<FeeOptions> fees,
    TimeProvider time,
    ILogger<ApplicationIntake> logger)
{
    public const string QualificationGainedOnField = "QualificationGainedOn";

    /// <summary>A page of the open cohorts; a page past the end shows the first.</summary>
    public async Task<OpenCohorts> OpenCohortsAsync(OpenCohortFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (total, open) = await cohorts.GetOpenPageAsync(filter, now, skip, take, cancellationToken);
        var fromStart = skip > 0 && open.Count == 0;
        if (fromStart)
        {
            (total, open) = await cohorts.GetOpenPageAsync(filter, now, 0, take, cancellationToken);
        }

        var withContent = open.Select(c => c.Course.FrameworkCode).OfType<string>().Where(code => frameworks.Find(code) is not null).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new OpenCohorts(open, total, fromStart, await cohorts.GetOpenCoursesAsync(now, cancellationToken), withContent);
    }

    /// <summary>The cohort, when it exists and takes applications.</summary>
    public async Task<CohortSummary?> OpenCohortAsync(int cohortId, CancellationToken cancellationToken = default) =>
        await cohorts.GetSummaryAsync(cohortId, cancellationToken) is { Cohort.OpenForApplications: true } cohort ? cohort : null;

    /// <summary>The id of the person's open or accepted application to the cohort, if they have one.</summary>
    public async Task<int?> LiveApplicationAsync(int? userId, int cohortId, CancellationToken cancellationToken = default)
    {
        if (userId is not { } applicant)
        {
            return null;
        }

        return (await applications.GetForApplicantAsync(applicant, cancellationToken))
            .FirstOrDefault(a => a.Application.CohortId == cohortId && ApplicationWorkflow.IsLive(a.Application.Status))?.Application.Id;
    }

    public ApplyOffer Offer(CohortSummary cohort) => new(
        Pricing.Quote(cohort.Course.PricePence, FundingRoute.School, fees.Value.VatRate),
        Pricing.Quote(cohort.Course.PricePence, FundingRoute.Self, fees.Value.VatRate),
        fees.Value.VatRate,
        cohort.Course.FrameworkCode is { } code && frameworks.Find(code) is not null);

    /// <summary>
    /// The checks beyond each field's own: DfE's ids when given, the qualification's date (real, not in the future in
    /// the cohort's zone, given when a qualification is), and the account's fields when one is asked for.
    /// </summary>
    public IReadOnlyList<FieldProblem> Check(
        CohortSummary cohort, TeachingQualification? qualification, DateOnly? gainedOn, NewAccount? account,
        string? dfeParticipantId = null, string? dfeApplicationId = null, string? trn = null)
    {
        var problems = new List<FieldProblem>();
        // DfE's ids, when given, must be DfE's shape (UUIDs, a 7-digit TRN); they are then kept exactly as typed.
        if (Dfe.DfeIds.UuidProblem(dfeParticipantId, "participant id") is { } participantProblem)
        {
            problems.Add(new("DfeParticipantId", participantProblem));
        }

        if (Dfe.DfeIds.UuidProblem(dfeApplicationId, "application id") is { } applicationProblem)
        {
            problems.Add(new("DfeApplicationId", applicationProblem));
        }

        if (Dfe.DfeIds.TrnProblem(trn) is { } trnProblem)
        {
            problems.Add(new("Trn", trnProblem));
        }

        var today = ZonedTime.Today(time.GetUtcNow().UtcDateTime, cohort.Cohort.TimeZone);
        if (gainedOn is { } gained && (gained > today || gained.Year < 1950))
        {
            problems.Add(new(QualificationGainedOnField, "Enter the date you gained it: a real date, not in the future."));
        }

        if (qualification is not null and not TeachingQualification.None && gainedOn is null)
        {
            problems.Add(new(QualificationGainedOnField, "Enter the date you gained your qualification."));
        }

        if (account is not null)
        {
            if (string.IsNullOrWhiteSpace(account.DisplayName))
            {
                problems.Add(new(CandidateRegistration.DisplayNameField, "Enter your full name."));
            }

            if (string.IsNullOrWhiteSpace(account.Email))
            {
                problems.Add(new(CandidateRegistration.EmailField, "Enter your email address."));
            }

            if ((account.Password ?? string.Empty).Length < CandidateRegistration.MinimumPasswordLength)
            {
                problems.Add(new(CandidateRegistration.PasswordField, $"Your password must be at least {CandidateRegistration.MinimumPasswordLength} characters long."));
            }
        }

        return problems;
    }

    /// <summary>
    /// Submits the application of the signed-in person, or of the account made for them now (when
    /// <paramref name="signedInUserId"/> is null). The draft has been checked field by field and with <see cref="Check"/>.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(CohortSummary cohort, Application draft, int? signedInUserId, NewAccount? account, CancellationToken cancellationToken = default)
    {
        AppUser? created = null;
        if (signedInUserId is not { } applicantId)
        {
            var result = await registration.RegisterAsync(account?.DisplayName, account?.Email, account?.Password, cohort.Course.ProviderId, cancellationToken);
            if (!result.Succeeded)
            {
                return new SubmitResult(null, null, result.Errors.Select(e => new FieldProblem(e.Key, e.Value)).ToList());
            }

            created = result.User;
            applicantId = created!.Id;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var submitted = Complete(cohort, draft with { CohortId = cohort.Cohort.Id, ApplicantUserId = applicantId, SchoolName = draft.SchoolName.Trim(), Role = draft.Role.Trim() }, now, now);
        var id = await applications.CreateAsync(submitted, cancellationToken);
        logger.LogInformation("Application {ApplicationId} to cohort {CohortId} submitted by {UserId} (eligible: {Eligible})", id, cohort.Cohort.Id, applicantId, submitted.IsEligible);
        return new SubmitResult(id, created, []);
    }

    /// <summary>Stores an application made on the applicant's behalf (demo data): the entry check as of <paramref name="nowUtc"/>, sent at <paramref name="submittedUtc"/>.</summary>
    public Task<int> RecordAsync(CohortSummary cohort, Application draft, DateTime nowUtc, DateTime submittedUtc, CancellationToken cancellationToken = default) =>
        applications.CreateAsync(Complete(cohort, draft, nowUtc, submittedUtc), cancellationToken);

    public Task<IReadOnlyList<ApplicationView>> MineAsync(int applicantUserId, CancellationToken cancellationToken = default) =>
        applications.GetForApplicantAsync(applicantUserId, cancellationToken);

    /// <summary>The application, when it is the person's own (null otherwise, as for a missing one).</summary>
    public async Task<ApplicationView?> FindMineAsync(int applicantUserId, int applicationId, CancellationToken cancellationToken = default) =>
        await applications.GetAsync(applicationId, cancellationToken) is { } found && found.Application.ApplicantUserId == applicantUserId ? found : null;

    /// <summary>The applicant withdraws their own open application: Done, AlreadyDecided, or NotFound when it is not theirs.</summary>
    public async Task<DecisionOutcome> WithdrawMineAsync(int applicantUserId, int applicationId, CancellationToken cancellationToken = default)
    {
        if (await FindMineAsync(applicantUserId, applicationId, cancellationToken) is not { } mine)
        {
            return DecisionOutcome.NotFound;
        }

        var move = ApplicationWorkflow.Move(mine.Application.Status, ApplicationStatus.Withdrawn);
        var outcome = await moves.ApplyAsync(applicationId, move, applicantUserId, time.GetUtcNow().UtcDateTime, cancellationToken: cancellationToken);
        if (outcome == DecisionOutcome.Done)
        {
            logger.LogInformation("Application {ApplicationId} withdrawn by its applicant {UserId}", applicationId, applicantUserId);
        }

        return outcome;
    }

    private Application Complete(CohortSummary cohort, Application draft, DateTime nowUtc, DateTime submittedUtc) =>
        ApplicationSubmission.Complete(draft, cohort.Course.PricePence, fees.Value.VatRate, ZonedTime.Today(nowUtc, cohort.Cohort.TimeZone), submittedUtc);
}
