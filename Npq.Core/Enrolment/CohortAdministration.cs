using Microsoft.Extensions.Logging;
using Npq.Core.Validation;

namespace Npq.Core.Enrolment;

/// <summary>A cohort as its admin page shows it: extras, who is enrolled, who is waiting, and the mentors to assign
/// (those already mentoring someone on the page shown; any other of the provider's mentors is named by email).</summary>
/// <remarks>
/// <see cref="Enrolments"/> is one page (<see cref="Page"/>) of the cohort's <see cref="EnrolledTotal"/> enrolments, by
/// name; <see cref="WaitingList"/> one page (<see cref="WaitingPage"/>) of its <see cref="WaitingTotal"/> waiting
/// applications, in the order they arrived.
/// </remarks>
public sealed record CohortDetail(
    CohortSummary Cohort,
    CohortExtras Extras,
    IReadOnlyList<EnrolmentView> Enrolments,
    IReadOnlyList<ApplicationView> WaitingList,
    IReadOnlyList<CohortPerson> Mentors,
    int EnrolledTotal,
    int Page)
{
    public int WaitingTotal { get; init; }

    public int WaitingPage { get; init; } = 1;
}

/// <summary>
/// What the cohort form offers: the provider's courses and delivery partners, and as facilitators the mentors already
/// chosen (any other of the provider's mentors is added by email address, <see cref="CohortInput.FacilitatorEmails"/>).
/// </summary>
public sealed record CohortFormOptions(IReadOnlyList<Course> Courses, IReadOnlyList<CohortPerson> DeliveryPartners, IReadOnlyList<CohortPerson> Mentors);

/// <summary>A cohort input checked for a provider: its problems, and the cohort to save when there are none.</summary>
public sealed class CohortCheck
{
    internal CohortCheck(IReadOnlyList<FieldProblem> problems, Cohort? cohort, CohortExtras? extras)
    {
        Problems = problems;
        Cohort = problems.Count == 0 ? cohort : null;
        Extras = extras;
    }

    public IReadOnlyList<FieldProblem> Problems { get; }

    public Cohort? Cohort { get; }

    public CohortExtras? Extras { get; }

    public bool IsValid => Cohort is not null;
}

/// <summary>
/// A provider's cohorts: the list, one cohort's page, creating and editing (with its facilitators, venues and
/// face-to-face days, guarded by its Version), and assigning mentors in bulk.
/// </summary>
public sealed class CohortAdministration(
    ICohortRepository cohorts,
    IApplicationRepository applications,
    IEnrolmentLifecycleRepository enrolments,
    ProviderMentors mentors,
    TimeProvider time,
    ILogger<CohortAdministration> logger)
{
    public Task<IReadOnlyList<CohortSummary>> ListAsync(int providerId, CancellationToken cancellationToken = default) =>
        cohorts.GetSummariesAsync(providerId, cancellationToken);

    /// <summary>
    /// One page of the provider's cohorts and how many there are; a page past the end gives the first page
    /// (<c>FromStart</c> true) rather than an empty list.
    /// </summary>
    public async Task<(int Total, IReadOnlyList<CohortSummary> Rows, bool FromStart)> ListPageAsync(int providerId, int skip, int take, CancellationToken cancellationToken = default)
    {
        var (total, rows) = await cohorts.GetSummariesPageAsync(providerId, skip, take, cancellationToken);
        if (skip > 0 && rows.Count == 0)
        {
            (total, rows) = await cohorts.GetSummariesPageAsync(providerId, 0, take, cancellationToken);
            return (total, rows, true);
        }

        return (total, rows, false);
    }

    /// <summary>The cohort, when it belongs to the provider (null otherwise, as for a missing one).</summary>
    public async Task<CohortSummary?> FindAsync(int providerId, int cohortId, CancellationToken cancellationToken = default) =>
        await cohorts.GetSummaryAsync(cohortId, cancellationToken) is { } cohort && cohort.Course.ProviderId == providerId ? cohort : null;

    /// <summary>
    /// The cohort's page, with one page of its enrolments by name and one page of its waiting list in arrival order
    /// (for each, a page past the end gives the first).
    /// </summary>
    public async Task<CohortDetail> DetailAsync(CohortSummary cohort, int page, int size, CancellationToken cancellationToken = default) =>
        await DetailAsync(cohort, page, size, 1, size, cancellationToken);

    /// <inheritdoc cref="DetailAsync(CohortSummary, int, int, CancellationToken)"/>
    public async Task<CohortDetail> DetailAsync(CohortSummary cohort, int page, int size, int waitingPage, int waitingSize, CancellationToken cancellationToken = default)
    {
        var (total, rows) = await enrolments.GetPageForCohortAsync(cohort.Cohort.Id, (int)Math.Min(int.MaxValue, ((long)page - 1) * size), size, cancellationToken);
        if (page > 1 && rows.Count == 0)
        {
            page = 1;
            (total, rows) = await enrolments.GetPageForCohortAsync(cohort.Cohort.Id, 0, size, cancellationToken);
        }

        var waitingFilter = new ApplicationFilter { CohortId = cohort.Cohort.Id, Status = ApplicationStatus.WaitingList };
        waitingPage = Math.Max(1, waitingPage);
        var (waitingTotal, _, waiting) = await applications.GetInboxPageAsync(
            cohort.Course.ProviderId, waitingFilter, false, (int)Math.Min(int.MaxValue, ((long)waitingPage - 1) * waitingSize), waitingSize, cancellationToken);
        if (waitingPage > 1 && waiting.Count == 0)
        {
            waitingPage = 1;
            (waitingTotal, _, waiting) = await applications.GetInboxPageAsync(cohort.Course.ProviderId, waitingFilter, false, 0, waitingSize, cancellationToken);
        }

        return new(
            cohort,
            await cohorts.GetExtrasAsync(cohort.Cohort.Id, cancellationToken),
            rows,
            waiting,
            await mentors.AmongAsync(cohort.Course.ProviderId, rows.Where(r => r.Enrolment.MentorUserId is not null).Select(r => r.Enrolment.MentorUserId!.Value).ToHashSet(), cancellationToken),
            total,
            page)
        {
            WaitingTotal = waitingTotal,
            WaitingPage = waitingPage,
        };
    }

    /// <summary>The form's choices; the facilitators offered are those of <paramref name="facilitatorUserIds"/> that are the provider's active mentors.</summary>
    public async Task<CohortFormOptions> OptionsAsync(int providerId, IReadOnlyCollection<int> facilitatorUserIds, CancellationToken cancellationToken = default) => new(
        await cohorts.GetCoursesAsync(providerId, cancellationToken),
        await cohorts.GetDeliveryPartnersAsync(providerId, cancellationToken),
        await mentors.AmongAsync(providerId, facilitatorUserIds, cancellationToken));

    /// <summary>A new cohort's form: starting this year, in London.</summary>
    public CohortInput Blank() => new() { StartYear = time.GetUtcNow().Year, TimeZone = "Europe/London" };

    /// <summary>The stored cohort as the form shows it.</summary>
    public async Task<CohortInput> InputAsync(CohortSummary cohort, CancellationToken cancellationToken = default) =>
        CohortInput.From(cohort.Cohort, await cohorts.GetExtrasAsync(cohort.Cohort.Id, cancellationToken));

    /// <summary>
    /// Checks a new cohort (<paramref name="existing"/> null) or an edit: the course, delivery partner and facilitators
    /// are the provider's, the name is free on the course, the <see cref="CohortRules"/> hold, and an edited cohort keeps
    /// a place for everyone enrolled.
    /// </summary>
    public async Task<CohortCheck> CheckAsync(int providerId, CohortSummary? existing, CohortInput input, CancellationToken cancellationToken = default)
    {
        var problems = new List<FieldProblem>();
        var id = existing?.Cohort.Id ?? 0;
        if (input.CourseId is { } courseId && await cohorts.GetCourseAsync(providerId, courseId, cancellationToken) is null)
        {
            problems.Add(new(nameof(CohortInput.CourseId), "Choose one of your courses."));
        }

        if (input.DeliveryPartnerId is { } partner && (await cohorts.GetDeliveryPartnersAsync(providerId, cancellationToken)).All(p => p.UserId != partner))
        {
            problems.Add(new(nameof(CohortInput.DeliveryPartnerId), "Choose one of your delivery partners."));
        }

        var chosen = input.FacilitatorUserIds.Distinct().ToList();
        if (chosen.Count > 0 && (await mentors.AmongAsync(providerId, chosen, cancellationToken)).Count != chosen.Count)
        {
            problems.Add(new(nameof(CohortInput.FacilitatorUserIds), "Choose facilitators from the list."));
        }

        var unknown = new List<string>();
        var emails = FacilitatorEmails(input.FacilitatorEmails);
        if (emails.Count > MaxFacilitatorEmails)
        {
            problems.Add(new(nameof(CohortInput.FacilitatorEmails), $"Name at most {MaxFacilitatorEmails} facilitators by email address at a time."));
            emails = [];
        }

        foreach (var email in emails)
        {
            if (email.Length <= EmailRule.MaxLength && await mentors.FindByEmailAsync(providerId, email, cancellationToken) is { } found)
            {
                chosen.Add(found);
            }
            else
            {
                unknown.Add(email);
            }
        }

        if (unknown.Count > 0)
        {
            problems.Add(new(nameof(CohortInput.FacilitatorEmails), unknown.Count == 1
                ? $"None of your active mentors has the email address {unknown[0]}."
                : $"None of your active mentors has these email addresses: {string.Join(", ", unknown)}."));
        }

        input = input with { FacilitatorUserIds = chosen.Distinct().ToList() };

        if (input.CourseId is { } course && input.Name is { } name && await cohorts.CohortNameTakenAsync(course, name.Trim(), id, cancellationToken))
        {
            problems.Add(new(nameof(CohortInput.Name), "The course already has a cohort with this name."));
        }

        var (cohort, extras) = CohortRules.Build(input, id, problems);
        if (existing is not null && cohort is not null && cohort.Capacity < existing.Enrolled)
        {
            problems.Add(new(nameof(CohortInput.Capacity), $"{existing.Enrolled} places are already taken: the cohort needs at least that many."));
        }

        return new CohortCheck(problems, cohort, extras);
    }

    public async Task<int> CreateAsync(CohortCheck check, ActingUser actor, CancellationToken cancellationToken = default)
    {
        var (cohort, extras) = Valid(check);
        var id = await cohorts.CreateCohortAsync(cohort, extras, cancellationToken);
        logger.LogInformation("Cohort {CohortId} created by {UserId}", id, actor.UserId);
        return id;
    }

    /// <summary>Saves an edit; on a conflict (someone saved since it was read) nothing is saved and the current version is returned.</summary>
    public async Task<(bool Saved, int CurrentVersion)> SaveAsync(CohortCheck check, ActingUser actor, CancellationToken cancellationToken = default)
    {
        var (cohort, extras) = Valid(check);
        if (!await cohorts.UpdateCohortAsync(cohort, extras, cancellationToken))
        {
            var current = await cohorts.GetSummaryAsync(cohort.Id, cancellationToken);
            return (false, current?.Cohort.Version ?? cohort.Version);
        }

        logger.LogInformation("Cohort {CohortId} saved by {UserId}", cohort.Id, actor.UserId);
        return (true, cohort.Version + 1);
    }

    /// <summary>The provider's active mentor with this email address (the cohort page's "another mentor" field), or null.</summary>
    public Task<int?> MentorByEmailAsync(CohortSummary cohort, string email, CancellationToken cancellationToken = default) =>
        mentors.FindByEmailAsync(cohort.Course.ProviderId, email, cancellationToken);

    /// <summary>Assigns (or, with null, removes) the mentor of the ticked candidates; returns how many changed, or the problems.</summary>
    public async Task<(int Changed, IReadOnlyList<FieldProblem> Problems)> AssignMentorsAsync(
        CohortSummary cohort, IReadOnlyList<int> enrolmentIds, int? mentorUserId, ActingUser actor, CancellationToken cancellationToken = default)
    {
        var problems = new List<FieldProblem>();
        if (enrolmentIds.Count == 0)
        {
            problems.Add(new("enrolmentIds", "Tick at least one candidate."));
        }

        if (mentorUserId is { } m && !await mentors.IsMentorAsync(cohort.Course.ProviderId, m, cancellationToken))
        {
            problems.Add(new("mentorUserId", "Choose a mentor from the list."));
        }

        if (problems.Count > 0)
        {
            return (0, problems);
        }

        var changed = await enrolments.AssignMentorAsync(cohort.Cohort.Id, enrolmentIds, mentorUserId, actor.UserId, time.GetUtcNow().UtcDateTime, cancellationToken);
        logger.LogInformation("Mentor {MentorUserId} assigned to {Count} enrolments of cohort {CohortId} by {UserId}", mentorUserId, changed, cohort.Cohort.Id, actor.UserId);
        return (changed, problems);
    }

    /// <summary>The addresses typed, one per line or separated by commas or semicolons, each once.</summary>
    private static List<string> FacilitatorEmails(string? typed) =>
        (typed ?? "").Split(['\n', '\r', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>How many facilitator addresses one save reads (the form's field is limited to match).</summary>
    public const int MaxFacilitatorEmails = 50;

    private static (Cohort Cohort, CohortExtras Extras) Valid(CohortCheck check) =>
        check is { Cohort: { } cohort, Extras: { } extras } ? (cohort, extras) : throw new InvalidOperationException("Only a checked cohort without problems can be saved.");
}
