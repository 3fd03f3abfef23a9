using System.Data.Common;

namespace Npq.Core.Enrolment;

/// <summary>Where Application data is kept (implemented in Npq.Data).</summary>
public interface IApplicationRepository
{
    /// <summary>Stores a submitted application and returns its id.</summary>
    Task<int> CreateAsync(Application application, CancellationToken cancellationToken = default);

    /// <summary>Stores many applications in one transaction: all of them, or (on any failure) none.</summary>
    Task<IReadOnlyList<int>> CreateManyAsync(IReadOnlyList<Application> applications, CancellationToken cancellationToken = default);

    Task<ApplicationView?> GetAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>The applicant's own applications, newest first.</summary>
    Task<IReadOnlyList<ApplicationView>> GetForApplicantAsync(int applicantUserId, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the provider's inbox (oldest first, or newest when <paramref name="newestFirst"/>) and how many
    /// applications match the filter in all: the count stops at a limit (10,000), past which <c>MoreThanTotal</c> is true.
    /// </summary>
    Task<(int Total, bool MoreThanTotal, IReadOnlyList<ApplicationView> Rows)> GetInboxPageAsync(
        int providerId, ApplicationFilter filter, bool newestFirst, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>
    /// Accepts a pending or waiting application into its cohort and creates the enrolment, all in one transaction.
    /// The cohort's row is locked first, so two admins accepting for the last place are served one after the other:
    /// the first takes the place, the second finds the cohort full.
    /// </summary>
    Task<DecisionOutcome> AcceptIntoCohortAsync(int applicationId, int adminUserId, int? mentorUserId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Puts a pending application on its cohort's waiting list.</summary>
    Task<DecisionOutcome> MoveToWaitingListAsync(int applicationId, int adminUserId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Rejects a pending or waiting application with a reason the applicant reads.</summary>
    Task<DecisionOutcome> RejectAsync(int applicationId, string reason, int adminUserId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Withdraws a pending or waiting application (the applicant asked, or it was made in error).</summary>
    Task<DecisionOutcome> WithdrawAsync(int applicationId, int actorUserId, DateTime nowUtc, CancellationToken cancellationToken = default);
}
