namespace Npq.Core.Webinars;

/// <summary>Where Webinar data is kept (implemented in Npq.Data).</summary>
public interface IWebinarRepository
{
    /// <summary>The cohort with the facts sessions need, or null.</summary>
    Task<SessionCohort?> GetCohortAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The cohorts a person reaches: those they are enrolled on, those where they mentor someone (facilitators), and
    /// for a provider admin every cohort of their provider.
    /// </summary>
    Task<IReadOnlyList<SessionCohort>> GetCohortsForUserAsync(int userId, bool isProviderAdmin, CancellationToken cancellationToken = default);

    /// <summary>
    /// The person's own cohorts (enrolled on, mentoring someone on, named facilitator of one of its sessions), each with
    /// how they stand on it (admin of its provider when <paramref name="isProviderAdmin"/>, facilitator, enrolled), and
    /// for a provider admin the provider they belong to (null for anyone else: only an admin's reach follows it). Read
    /// from the person's own rows: a provider admin's reach over the rest of their provider is not listed here (the
    /// sessions page reads the provider's sessions by provider, <see cref="GetSessionListAsync"/>).
    /// </summary>
    Task<PersonReach> GetPersonReachAsync(int userId, bool isProviderAdmin, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of a person's sessions list (<paramref name="list"/>): of a provider's cohorts and of
    /// <paramref name="cohortIds"/> when <paramref name="providerId"/> is given (each session with its cohort; read in start
    /// order, never by listing the provider's cohorts), else of <paramref name="cohortIds"/> alone. A session that started
    /// before <paramref name="windowStartUtc"/> has ended (the longest a session lasts). Each as a list shows it, with its
    /// facilitator's name (as <see cref="GetFacilitatorNamesAsync"/> gives it). Read on one connection: the page, and only
    /// when it is full or past the end, how many the list holds, counted up to <paramref name="countUpTo"/>; when the page
    /// ends short it says that itself, and <see cref="SessionListPage.Counted"/> is null.
    /// </summary>
    Task<SessionListPage> GetSessionListAsync(
        int? providerId, IReadOnlyCollection<int> cohortIds, SessionList list, DateTime windowStartUtc, DateTime nowUtc, int skip, int take, int countUpTo,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the cohorts a person may run, soonest first, and how many there are: for a provider admin
    /// (<paramref name="isProviderAdmin"/>, from their roles) every cohort of their provider; for a mentor
    /// (<paramref name="isMentor"/>) the cohorts they mentor on or facilitate a session of. Each with the person's
    /// standing as in <see cref="GetPersonReachAsync"/> (never enrolled: running is not for candidates).
    /// </summary>
    Task<(int Total, IReadOnlyList<CohortReach> Rows)> GetManagedCohortsPageAsync(int userId, bool isProviderAdmin, bool isMentor, int skip, int take, CancellationToken cancellationToken = default);

    Task<bool> IsEnrolledAsync(int cohortId, int userId, CancellationToken cancellationToken = default);

    /// <summary>A facilitator of a cohort mentors someone on it or is the named facilitator of one of its sessions.</summary>
    Task<bool> IsFacilitatorAsync(int cohortId, int userId, CancellationToken cancellationToken = default);

    Task<bool> IsProviderAdminOfCohortAsync(int cohortId, int userId, CancellationToken cancellationToken = default);

    /// <summary>The candidates enrolled on a cohort, by name.</summary>
    Task<IReadOnlyList<RosterMember>> GetRosterAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>One page of the candidates enrolled on a cohort, by name (as <see cref="GetRosterAsync"/>), and how many there are in all.</summary>
    Task<(IReadOnlyList<RosterMember> Members, int Total)> GetRosterPageAsync(int cohortId, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>
    /// The facilitators a cohort's session form offers (never the provider's every mentor and admin): of the people in
    /// <paramref name="include"/> and those close to the cohort (mentoring someone on it, facilitating one of its
    /// sessions or the cohort, the provider's admins), those who may facilitate (active mentors or admins of the cohort's
    /// provider); <paramref name="include"/> first, then by name, at most <paramref name="take"/>.
    /// </summary>
    Task<IReadOnlyList<RosterMember>> GetFacilitatorChoicesAsync(int cohortId, IReadOnlyCollection<int> include, int take, CancellationToken cancellationToken = default);

    /// <summary>One page of the candidates a mentor mentors, one line per enrolment, by name, and how many lines there are.</summary>
    Task<(IReadOnlyList<EnrolledPerson> People, int Total)> GetMenteesPageAsync(int mentorUserId, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>One page of the enrolled candidates from a headteacher's school, one line per enrolment, by name, and how many lines there are.</summary>
    Task<(IReadOnlyList<EnrolledPerson> People, int Total)> GetSchoolCandidatesPageAsync(int headteacherUserId, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>A candidate's enrolments with cohort names.</summary>
    Task<IReadOnlyList<EnrolledPerson>> GetEnrolmentsOfAsync(int candidateUserId, CancellationToken cancellationToken = default);

    /// <summary>The cohorts a candidate is enrolled on, in the order they enrolled.</summary>
    Task<IReadOnlyList<int>> GetEnrolledCohortIdsAsync(int candidateUserId, CancellationToken cancellationToken = default);

    /// <summary>Changes a cohort's attendance rule.</summary>
    Task SetAttendanceThresholdAsync(int cohortId, int percent, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<int>> CreateSessionsAsync(IReadOnlyList<WebinarSession> sessions, CancellationToken cancellationToken = default);

    Task<WebinarSession?> GetSessionAsync(int id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<WebinarSession>> GetSessionsForCohortAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of the sessions of several cohorts starting at or after <paramref name="fromUtc"/> and before
    /// <paramref name="beforeUtc"/> (either open when null), by start (latest first when <paramref name="newestFirst"/>);
    /// each as a list shows it, with its facilitator's name (as <see cref="GetFacilitatorNamesAsync"/> gives it).
    /// </summary>
    Task<IReadOnlyList<ListedSession>> GetSessionsForCohortsAsync(
        IReadOnlyCollection<int> cohortIds, DateTime? fromUtc, DateTime? beforeUtc, bool newestFirst, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>How many sessions of the cohorts start in the range (as <see cref="GetSessionsForCohortsAsync"/>).</summary>
    Task<int> CountSessionsForCohortsAsync(IReadOnlyCollection<int> cohortIds, DateTime? fromUtc, DateTime? beforeUtc, CancellationToken cancellationToken = default);

    /// <summary>The names of the given people who may be named facilitators (active mentors and admins), by id.</summary>
    Task<IReadOnlyList<RosterMember>> GetFacilitatorNamesAsync(IReadOnlyCollection<int> userIds, CancellationToken cancellationToken = default);

    /// <summary>A person's calendar: sessions of the cohorts they are enrolled on and the sessions they facilitate.</summary>
    Task<IReadOnlyList<WebinarSession>> GetSessionsForCalendarAsync(int userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves a changed session when nobody else changed it first (<c>Version</c>), raising its calendar
    /// <c>Sequence</c>. False on a lost race.
    /// </summary>
    Task<bool> UpdateSessionAsync(WebinarSession session, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Sessions starting in the window (not cancelled), with everyone to remind who has not been reminded.</summary>
    Task<IReadOnlyList<DueReminder>> GetDueRemindersAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default);

    /// <summary>Records a reminder; false when it was already recorded (so it is never sent twice).</summary>
    Task<bool> TryRecordReminderAsync(int sessionId, int userId, DateTime nowUtc, CancellationToken cancellationToken = default);
}
