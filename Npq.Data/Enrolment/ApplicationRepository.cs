using System.Data.Common;
using Dapper;
using Npq.Core.Enrolment;
using Npq.Data.Infrastructure;
using Npq.Data.Portfolio;
using Npq.Data.Reporting;

namespace Npq.Data.Enrolment;

/// <summary>Applications to cohorts, and the decisions on them (accepting creates the enrolment).</summary>
public sealed class ApplicationRepository(
    IDbConnectionFactory db, CandidateFrameworks? frameworks = null, int inboxWalkFrom = ApplicationRepository.InboxWalkFrom, ReportChoicesCache? reportChoices = null)
    : IApplicationRepository
{
    private const string ViewColumns = """
        SELECT a.Id, a.CohortId, a.ApplicantUserId, a.SchoolName, a.Role, a.Qualification, a.QualificationGainedOn,
               a.YearsTeachingSince, a.FundingRoute, a.DfeParticipantId, a.DfeApplicationId, a.Trn, a.IsEligible,
               a.EligibilityReason, a.PriceNetPence, a.VatPence, a.PriceTotalPence, a.Status, a.RejectionReason,
               a.SubmittedUtc, a.DecidedUtc, a.DecidedByUserId, a.Version,
               u.DisplayName AS ApplicantName, u.Email AS ApplicantEmail, ch.Name AS CohortName, ch.TimeZone AS CohortTimeZone,
               ch.StartDate AS CohortStartDate, co.Name AS CourseName

        """;

    private const string ViewSelect = ViewColumns + """
        FROM Applications a
        JOIN Users u ON u.Id = a.ApplicantUserId
        JOIN Cohorts ch ON ch.Id = a.CohortId
        JOIN Courses co ON co.Id = ch.CourseId
        """;

    /// <summary>
    /// <see cref="ViewSelect"/> with the applications read first, in the order asked for: the cross joins keep SQLite
    /// from starting at the cohorts (the caller's WHERE adds their join conditions, <see cref="WalkJoinConditions"/>).
    /// </summary>
    private const string ViewSelectWalkingApplications = ViewColumns + """
        FROM Applications a
        CROSS JOIN Cohorts ch
        CROSS JOIN Courses co
        JOIN Users u ON u.Id = a.ApplicantUserId
        """;

    private const string WalkJoinConditions = " AND ch.Id = a.CohortId AND co.Id = ch.CourseId";

    /// <summary>Stores one application (shared with <see cref="ImportRepository"/>, which adds many at once).</summary>
    internal const string InsertSql = """
        INSERT INTO Applications (CohortId, ApplicantUserId, SchoolName, Role, Qualification, QualificationGainedOn, YearsTeachingSince,
            FundingRoute, DfeParticipantId, DfeApplicationId, Trn, IsEligible, EligibilityReason, PriceNetPence, VatPence, PriceTotalPence,
            Status, SubmittedUtc)
        VALUES (@CohortId, @ApplicantUserId, @SchoolName, @Role, @Qualification, @QualificationGainedOn, @YearsTeachingSince,
            @FundingRoute, @DfeParticipantId, @DfeApplicationId, @Trn, @IsEligible, @EligibilityReason, @PriceNetPence, @VatPence, @PriceTotalPence,
            @Status, @SubmittedUtc)
        """;

    /// <summary>Stores a submitted application and returns its id.</summary>
    public async Task<int> CreateAsync(Application application, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            InsertSql + db.Dialect.SelectLastInsertedId, Parameters(application), cancellationToken: cancellationToken));
    }

    /// <summary>Stores many applications in one transaction: all of them, or (on any failure) none.</summary>
    public async Task<IReadOnlyList<int>> CreateManyAsync(IReadOnlyList<Application> applications, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = new List<int>(applications.Count);
        foreach (var application in applications)
        {
            ids.Add(await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                InsertSql + db.Dialect.SelectLastInsertedId, Parameters(application), transaction, cancellationToken: cancellationToken)));
        }

        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    public async Task<ApplicationView?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await QueryViewsAsync(connection, new CommandDefinition(
            ViewSelect + " WHERE a.Id = @id", new { id }, cancellationToken: cancellationToken))).SingleOrDefault();
    }

    /// <summary>The applicant's own applications, newest first.</summary>
    public async Task<IReadOnlyList<ApplicationView>> GetForApplicantAsync(int applicantUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await QueryViewsAsync(connection, new CommandDefinition(
            ViewSelect + " WHERE a.ApplicantUserId = @applicantUserId ORDER BY a.SubmittedUtc DESC, a.Id DESC",
            new { applicantUserId }, cancellationToken: cancellationToken));
    }

    public async Task<(int Total, bool MoreThanTotal, IReadOnlyList<ApplicationView> Rows)> GetInboxPageAsync(
        int providerId, ApplicationFilter filter, bool newestFirst, int skip, int take, CancellationToken cancellationToken = default)
    {
        // Only the conditions asked for ("@x IS NULL OR …" keeps the planner from seeking IX_Applications_Cohort's status).
        var conditions = new List<string> { "co.ProviderId = @providerId" };
        if (filter.Status is not null)
        {
            conditions.Add("a.Status = @status");
        }

        if (filter.CohortId is not null)
        {
            conditions.Add("a.CohortId = @cohortId");
        }

        if (filter.Eligible is not null)
        {
            conditions.Add("a.IsEligible = @eligible");
        }

        if (filter.FundingRoute is not null)
        {
            conditions.Add("a.FundingRoute = @fundingRoute");
        }

        var where = "\n WHERE " + string.Join(" AND ", conditions);
        var order = newestFirst ? " ORDER BY a.SubmittedUtc DESC, a.Id DESC" : " ORDER BY a.SubmittedUtc, a.Id";
        var parameters = new
        {
            providerId,
            status = filter.Status?.ToString(),
            cohortId = filter.CohortId,
            eligible = filter.Eligible,
            fundingRoute = filter.FundingRoute?.ToString(),
            Skip = skip,
            Take = take,
            Limit = InboxCountLimit + 1,
        };
        await using var connection = await db.OpenAsync(cancellationToken);
        var counted = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            db.Dialect.CountUpTo("FROM Applications a JOIN Cohorts ch ON ch.Id = a.CohortId JOIN Courses co ON co.Id = ch.CourseId" + where, "@Limit"),
            parameters, cancellationToken: cancellationToken));
        var total = Math.Min(counted, InboxCountLimit);
        if (total <= skip)
        {
            return (total, counted > InboxCountLimit, []);
        }

        // Many rows match: walk IX_Applications_Submitted in the page's order and stop after the page (the cross joins
        // keep SQLite from starting at the cohorts and sorting every application of the provider: 70 ms at 100,000).
        // Few match: find them through the filter's index and sort those. SQL Server plans either way by its statistics.
        var from = counted > inboxWalkFrom ? ViewSelectWalkingApplications + where + WalkJoinConditions : ViewSelect + where;
        var rows = await QueryViewsAsync(connection, new CommandDefinition(from + order + db.Dialect.Page, parameters, cancellationToken: cancellationToken));
        return (total, counted > InboxCountLimit, rows);
    }

    /// <summary>Where the inbox's count stops (shown as "more than 10,000").</summary>
    public const int InboxCountLimit = 10_000;

    /// <summary>Above this many matching applications, a page is read by walking the submission order rather than sorting the matches.</summary>
    public const int InboxWalkFrom = 2_000;

    /// <summary>
    /// Accepts a pending or waiting application into its cohort and creates the enrolment, all in one transaction.
    /// The cohort's row is locked first, so two admins accepting for the last place are served one after the other:
    /// the first takes the place, the second finds the cohort full.
    /// </summary>
    public async Task<DecisionOutcome> AcceptIntoCohortAsync(int applicationId, int adminUserId, int? mentorUserId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var found = await connection.QuerySingleOrDefaultAsync<Target>(new CommandDefinition(
            "SELECT CohortId, ApplicantUserId FROM Applications WHERE Id = @applicationId", new { applicationId }, transaction, cancellationToken: cancellationToken));
        if (found is null)
        {
            return DecisionOutcome.NotFound;
        }

        await CohortLock.TakeAsync(connection, transaction, found.CohortId, cancellationToken);

        // Read again under the lock: another admin may have decided it while this request waited.
        var status = await connection.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT Status FROM Applications WHERE Id = @applicationId", new { applicationId }, transaction, cancellationToken: cancellationToken));
        if (!ApplicationWorkflow.CanMove(Enum.Parse<ApplicationStatus>(status), ApplicationStatus.Accepted))
        {
            return DecisionOutcome.AlreadyDecided;
        }

        var alreadyEnrolled = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM Enrolments WHERE CohortId = @CohortId AND CandidateUserId = @ApplicantUserId",
            new { found.CohortId, found.ApplicantUserId }, transaction, cancellationToken: cancellationToken));
        if (alreadyEnrolled > 0)
        {
            return DecisionOutcome.AlreadyEnrolled;
        }

        // The place is taken only if one is left: the count and the insert are one statement, under the cohort lock.
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO Enrolments (CohortId, CandidateUserId, MentorUserId, TrainingStatus, EnrolledUtc)
            SELECT @CohortId, @ApplicantUserId, @mentorUserId, 'Active', @nowUtc
            WHERE (SELECT COUNT(*) FROM Enrolments WHERE CohortId = @CohortId AND TrainingStatus <> 'Withdrawn')
                < (SELECT Capacity FROM Cohorts WHERE Id = @CohortId)
            """,
            new { found.CohortId, found.ApplicantUserId, mentorUserId, nowUtc }, transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            return DecisionOutcome.CohortFull;
        }

        var enrolmentId = await connection.QuerySingleAsync<int>(new CommandDefinition(
            "SELECT Id FROM Enrolments WHERE CohortId = @CohortId AND CandidateUserId = @ApplicantUserId",
            new { found.CohortId, found.ApplicantUserId }, transaction, cancellationToken: cancellationToken));
        await SetStatusAsync(connection, transaction, applicationId, ApplicationStatus.Accepted, null, adminUserId, nowUtc, cancellationToken);
        await EnrolmentHistoryWriter.AppendAsync(connection, transaction, enrolmentId, "Enrolled", adminUserId, nowUtc, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        frameworks?.PlacementsChanged();
        reportChoices?.Changed();
        return DecisionOutcome.Done;
    }

    /// <summary>Puts a pending application on its cohort's waiting list.</summary>
    public Task<DecisionOutcome> MoveToWaitingListAsync(int applicationId, int adminUserId, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        DecideAsync(applicationId, ApplicationStatus.WaitingList, null, adminUserId, nowUtc, cancellationToken);

    /// <summary>Rejects a pending or waiting application with a reason the applicant reads.</summary>
    public Task<DecisionOutcome> RejectAsync(int applicationId, string reason, int adminUserId, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        DecideAsync(applicationId, ApplicationStatus.Rejected, reason, adminUserId, nowUtc, cancellationToken);

    /// <summary>Withdraws a pending or waiting application (the applicant asked, or it was made in error).</summary>
    public Task<DecisionOutcome> WithdrawAsync(int applicationId, int actorUserId, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        DecideAsync(applicationId, ApplicationStatus.Withdrawn, null, actorUserId, nowUtc, cancellationToken);

    /// <summary>Moves the application to <paramref name="to"/>, provided it still stands where <see cref="ApplicationWorkflow"/> allows that move from.</summary>
    private async Task<DecisionOutcome> DecideAsync(int applicationId, ApplicationStatus to, string? reason, int actorUserId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var from = ApplicationWorkflow.From(to);
        const string sql = """
            UPDATE Applications SET Status = @to, RejectionReason = @reason, DecidedUtc = @nowUtc, DecidedByUserId = @actorUserId, Version = Version + 1
            WHERE Id = @applicationId AND Status IN @from
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            applicationId, to = to.ToString(), reason, nowUtc, actorUserId, from = from.Select(s => s.ToString()).ToArray(),
        }, cancellationToken: cancellationToken));
        if (changed == 1)
        {
            return DecisionOutcome.Done;
        }

        var exists = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM Applications WHERE Id = @applicationId", new { applicationId }, cancellationToken: cancellationToken));
        return exists == 0 ? DecisionOutcome.NotFound : DecisionOutcome.AlreadyDecided;
    }

    private static Task SetStatusAsync(
        DbConnection connection, DbTransaction transaction, int applicationId, ApplicationStatus status, string? reason, int actorUserId, DateTime nowUtc, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE Applications SET Status = @status, RejectionReason = @reason, DecidedUtc = @nowUtc, DecidedByUserId = @actorUserId, Version = Version + 1
            WHERE Id = @applicationId
            """,
            new { applicationId, status = status.ToString(), reason, nowUtc, actorUserId }, transaction, cancellationToken: cancellationToken));

    internal static object Parameters(Application a) => new
    {
        a.CohortId, a.ApplicantUserId, a.SchoolName, a.Role, Qualification = a.Qualification.ToString(), a.QualificationGainedOn,
        a.YearsTeachingSince, FundingRoute = a.FundingRoute.ToString(), a.DfeParticipantId, a.DfeApplicationId, a.Trn, a.IsEligible,
        a.EligibilityReason, a.PriceNetPence, a.VatPence, a.PriceTotalPence, Status = a.Status.ToString(), a.SubmittedUtc,
    };

    internal sealed record Target
    {
        public int CohortId { get; init; }
        public int ApplicantUserId { get; init; }
    }

    /// <summary>The application's columns map into <see cref="Application"/>, the names after it into the view.</summary>
    private static async Task<IReadOnlyList<ApplicationView>> QueryViewsAsync(DbConnection connection, CommandDefinition command) =>
        (await connection.QueryAsync<Application, ApplicationView, ApplicationView>(
            command, (application, view) => view with { Application = application }, splitOn: nameof(ApplicationView.ApplicantName))).AsList();
}
