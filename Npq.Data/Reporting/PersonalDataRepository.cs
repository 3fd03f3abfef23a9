using System.Data.Common;
using Dapper;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;

namespace Npq.Data.Reporting;

/// <summary>
/// Personal data in the tables of migrations 0001–0006 and 0008: exported as rows, erased by deleting what a person
/// made or what is about them and anonymising the rows the provider's counts rest on (the account, applications,
/// enrolments, declarations). Runs last, since it anonymises the account other contributors' rows point at.
/// </summary>
public sealed class PersonalDataRepository(IDbConnectionFactory db, Npq.Data.Accounts.UserSessionCache? sessions = null) : IPersonalDataContributor, IErasureLog
{
    public int Order => int.MaxValue;

    // Each export query takes @userId. Secrets (password hash, security stamps, calendar token hashes) are not data
    // about the person and stay out.
    private static readonly (string Name, string Sql)[] ExportQueries =
    [
        ("account", "SELECT Id, Email, DisplayName, EmailConfirmed, IsActive, ProviderId, SchoolId, TimeZone, CreatedUtc FROM Users WHERE Id = @userId"),
        ("school", "SELECT s.Id, s.Name, s.Urn, s.Country, s.TimeZone FROM Schools s JOIN Users u ON u.SchoolId = s.Id WHERE u.Id = @userId"),
        ("roles", "SELECT r.Name FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId WHERE ur.UserId = @userId"),
        ("applications", "SELECT * FROM Applications WHERE ApplicantUserId = @userId"),
        ("enrolments", "SELECT * FROM Enrolments WHERE CandidateUserId = @userId"),
        ("enrolment_history", "SELECT * FROM EnrolmentHistory WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = @userId)"),
        ("declarations", "SELECT * FROM Declarations WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = @userId)"),
        ("evidence", "SELECT * FROM EvidenceItems WHERE CandidateUserId = @userId"),
        ("evidence_statements", "SELECT * FROM EvidenceStatements WHERE EvidenceId IN (SELECT Id FROM EvidenceItems WHERE CandidateUserId = @userId)"),
        ("evidence_files", "SELECT Id, EvidenceId, FileName, ContentType, SizeBytes, UploadedUtc, RemovedUtc FROM EvidenceFiles WHERE EvidenceId IN (SELECT Id FROM EvidenceItems WHERE CandidateUserId = @userId)"),
        ("evidence_log", "SELECT * FROM EvidenceLog WHERE EvidenceId IN (SELECT Id FROM EvidenceItems WHERE CandidateUserId = @userId)"),
        ("task_extensions", "SELECT * FROM AssessmentTaskExtensions WHERE CandidateUserId = @userId"),
        ("submissions", "SELECT * FROM Submissions WHERE CandidateUserId = @userId"),
        ("feedback_about_you", "SELECT * FROM FeedbackComments WHERE CandidateUserId = @userId"),
        ("feedback_you_wrote", "SELECT * FROM FeedbackComments WHERE AuthorUserId = @userId AND CandidateUserId <> @userId"),
        ("progress_updates", "SELECT * FROM ProgressUpdates WHERE CandidateUserId = @userId"),
        ("progress_ratings", "SELECT * FROM ProgressRatings WHERE ProgressUpdateId IN (SELECT Id FROM ProgressUpdates WHERE CandidateUserId = @userId)"),
        ("attendance_segments", "SELECT * FROM AttendanceSegments WHERE UserId = @userId"),
        ("attendance_marks", "SELECT * FROM AttendanceMarks WHERE UserId = @userId"),
        ("webinar_reminders", "SELECT * FROM WebinarReminders WHERE UserId = @userId"),
        ("calendar_feeds", "SELECT Id, CreatedUtc, RevokedUtc FROM CalendarFeeds WHERE UserId = @userId"),
        ("notifications", "SELECT * FROM Notifications WHERE UserId = @userId"),
        ("report_exports", "SELECT Id, Report, Format, Query, Status, RowsWritten, CreatedUtc, CompletedUtc, ExpiresUtc FROM ReportExports WHERE RequestedByUserId = @userId"),
    ];

    // Deleted in this order (children first). Rows other people made about the person go too.
    private static readonly string[] Deletes =
    [
        """
        DELETE FROM FeedbackComments WHERE CandidateUserId = @userId
            OR EvidenceId IN (SELECT Id FROM EvidenceItems WHERE CandidateUserId = @userId)
            OR SubmissionId IN (SELECT Id FROM Submissions WHERE CandidateUserId = @userId)
        """,
        "DELETE FROM EvidenceStatements WHERE EvidenceId IN (SELECT Id FROM EvidenceItems WHERE CandidateUserId = @userId)",
        "DELETE FROM EvidenceFiles WHERE EvidenceId IN (SELECT Id FROM EvidenceItems WHERE CandidateUserId = @userId)",
        "DELETE FROM EvidenceLog WHERE EvidenceId IN (SELECT Id FROM EvidenceItems WHERE CandidateUserId = @userId)",
        "DELETE FROM EvidenceItems WHERE CandidateUserId = @userId",
        "DELETE FROM AssessmentTaskExtensions WHERE CandidateUserId = @userId",
        "DELETE FROM Submissions WHERE CandidateUserId = @userId",
        "DELETE FROM ProgressRatings WHERE ProgressUpdateId IN (SELECT Id FROM ProgressUpdates WHERE CandidateUserId = @userId)",
        "DELETE FROM ProgressUpdates WHERE CandidateUserId = @userId",
        "DELETE FROM AttendanceSegments WHERE UserId = @userId",
        "DELETE FROM AttendanceMarks WHERE UserId = @userId",
        "DELETE FROM WebinarReminders WHERE UserId = @userId",
        "DELETE FROM CalendarFeeds WHERE UserId = @userId",
        "DELETE FROM Notifications WHERE UserId = @userId",
        "DELETE FROM ReportExports WHERE RequestedByUserId = @userId",
        "DELETE FROM UserRoles WHERE UserId = @userId",
    ];

    // Kept for the provider's counts (applied, enrolled, declared), stripped of what identifies the person.
    private static readonly string[] Anonymise =
    [
        """
        UPDATE Applications SET SchoolName = '', Role = '', Trn = NULL, DfeParticipantId = NULL, DfeApplicationId = NULL,
            QualificationGainedOn = NULL, EligibilityReason = NULL, RejectionReason = NULL
        WHERE ApplicantUserId = @userId
        """,
        """
        UPDATE Declarations SET DfeDeclarationId = NULL, VoidReason = NULL
        WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = @userId)
        """,
        """
        UPDATE Users SET Email = @email, NormalizedEmail = @normalizedEmail, DisplayName = @displayName, PasswordHash = NULL,
            SecurityStamp = @stamp, ConcurrencyStamp = @stamp, EmailConfirmed = 0, LockoutEndUtc = NULL, AccessFailedCount = 0,
            IsActive = 0, SchoolId = NULL, TimeZone = NULL, TimeZoneConfirmed = 0
        WHERE Id = @userId
        """,
    ];

    public async Task<PersonalDataExport> ExportAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var sections = await PersonalDataSections.ReadAsync(connection, ExportQueries, userId, cancellationToken);

        return new PersonalDataExport(sections, await FilesAsync(connection, null, userId, includeRemoved: false, cancellationToken));
    }

    public async Task<ErasureOutcome> EraseAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var files = await FilesAsync(connection, transaction, userId, includeRemoved: true, cancellationToken);
        var displayName = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT DisplayName FROM Users WHERE Id = @userId", new { userId }, transaction, cancellationToken: cancellationToken));

        var removed = 0;
        foreach (var sql in Deletes)
        {
            removed += await connection.ExecuteAsync(new CommandDefinition(sql, new { userId }, transaction, cancellationToken: cancellationToken));
        }

        var anonymised = 0;
        if (!string.IsNullOrWhiteSpace(displayName) && displayName.Length >= 3)
        {
            // Other people's notifications may name the person ("Amira submitted…"): the name is replaced.
            anonymised += await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE Notifications SET Title = REPLACE(Title, @displayName, @erased) WHERE " + db.Dialect.ContainsIgnoreCase("Title", "@displayName"),
                new { displayName, erased = ErasedAccount.DisplayName }, transaction, cancellationToken: cancellationToken));
        }

        var email = ErasedAccount.Email(userId);
        foreach (var sql in Anonymise)
        {
            anonymised += await connection.ExecuteAsync(new CommandDefinition(sql, new
            {
                userId,
                email,
                normalizedEmail = email.ToUpperInvariant(),
                displayName = ErasedAccount.DisplayName,
                stamp = Guid.NewGuid().ToString("N"),
            }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        sessions?.Invalidate(userId);
        return new ErasureOutcome(removed, anonymised, files.Select(f => f.StoredName).ToList());
    }

    public async Task<int> RecordAsync(ErasureRecord record, CancellationToken cancellationToken = default)
    {
        var sql = """
            INSERT INTO Erasures (ErasedUtc, ErasedByUserId, RowsRemoved, RowsAnonymised, FilesRemoved)
            VALUES (@ErasedUtc, @ErasedByUserId, @RowsRemoved, @RowsAnonymised, @FilesRemoved)
            """ + db.Dialect.SelectLastInsertedId;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, record, cancellationToken: cancellationToken));
    }

    private static async Task<IReadOnlyList<PersonalFile>> FilesAsync(DbConnection connection, DbTransaction? transaction, int userId, bool includeRemoved, CancellationToken cancellationToken)
    {
        var sql = """
            SELECT StoredName, FileName FROM EvidenceFiles
            WHERE EvidenceId IN (SELECT Id FROM EvidenceItems WHERE CandidateUserId = @userId)
            """ + (includeRemoved ? string.Empty : " AND RemovedUtc IS NULL");
        var rows = await connection.QueryAsync<(string StoredName, string FileName)>(new CommandDefinition(sql, new { userId }, transaction, cancellationToken: cancellationToken));
        return rows.Select(r => new PersonalFile(r.StoredName, r.FileName)).ToList();
    }
}
