using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Frameworks;
using Npq.Data.Infrastructure;
using Npq.Web.Demo;

namespace Npq.Tests.Data.Reporting;

/// <summary>
/// Hand-built rows for the reporting repositories' contract fixtures, written with SQL straight into the database
/// under test (SQLite, or SQL Server), so each test states exactly the rows the query reads: people, a course and
/// cohort of their own, sessions and attendance, evidence, tasks, progress updates. Tests of the application build
/// their data through <see cref="Builders.Build"/> instead.
/// </summary>
public sealed class ReportRows(IServiceProvider services)
{
    private readonly IDbConnectionFactory _db = services.GetRequiredService<IDbConnectionFactory>();

    public IReadOnlyList<string> StatementIds { get; } =
        services.GetRequiredService<IFrameworkCatalog>().Find("npqsl")!.AllStatements.Select(s => s.Id).ToList();

    public async Task<int> ProviderIdAsync() =>
        await ScalarAsync("SELECT Id FROM Providers WHERE Name = @name", new { name = DemoSeeder.ProviderName });

    public Task<int> SchoolAsync(string name) =>
        InsertAsync("INSERT INTO Schools (Name, Country, TimeZone) VALUES (@name, 'United Kingdom', 'Europe/London')", new { name });

    public async Task<int> UserAsync(string email, string name, string role, int? schoolId = null, int? providerId = null)
    {
        var id = await InsertAsync("""
            INSERT INTO Users (Email, NormalizedEmail, DisplayName, SecurityStamp, ConcurrencyStamp, EmailConfirmed, ProviderId, SchoolId, CreatedUtc)
            VALUES (@email, @normalized, @name, 'stamp', 'stamp', 1, @providerId, @schoolId, @now)
            """, new { email, normalized = email.ToUpperInvariant(), name, providerId = providerId ?? await ProviderIdAsync(), schoolId, now = DateTime.UtcNow });
        await ExecuteAsync("INSERT INTO UserRoles (UserId, RoleId) SELECT @id, Id FROM Roles WHERE Name = @role", new { id, role });
        return id;
    }

    public async Task<int> CourseAsync(string identifier, bool leadership, bool hasAssessment = true, string? framework = "npqsl") =>
        await InsertAsync("""
            INSERT INTO Courses (ProviderId, Identifier, ShortCode, Name, FrameworkCode, PricePence, IsLeadership, HasAssessment)
            VALUES (@providerId, @identifier, 'X', @name, @framework, 0, @leadership, @hasAssessment)
            """, new { providerId = await ProviderIdAsync(), identifier, name = "Course " + identifier, framework, leadership, hasAssessment });

    public Task<int> PartnerAsync(string name) =>
        ProviderIdAsync().ContinueWith(p => InsertAsync("INSERT INTO DeliveryPartners (ProviderId, Name) VALUES (@providerId, @name)", new { providerId = p.Result, name })).Unwrap();

    public Task<int> CohortAsync(int courseId, string name, int? partnerId = null, int thresholdPercent = 75, string timeZone = "Europe/London") =>
        InsertAsync("""
            INSERT INTO Cohorts (CourseId, DeliveryPartnerId, Name, StartYear, Suffix, StartDate, EndDate, DeliveryModel, IsInternational, TimeZone, Capacity, AttendanceThresholdPercent)
            VALUES (@courseId, @partnerId, @name, 2026, 'b', '2026-01-05', '2027-07-31', 'Online', 0, @timeZone, 100, @thresholdPercent)
            """, new { courseId, partnerId, name, thresholdPercent, timeZone });

    public Task<int> EnrolAsync(int cohortId, int candidateId, int? mentorId, string status = "Active") =>
        InsertAsync("""
            INSERT INTO Enrolments (CohortId, CandidateUserId, MentorUserId, TrainingStatus, EnrolledUtc)
            VALUES (@cohortId, @candidateId, @mentorId, @status, @enrolled)
            """, new { cohortId, candidateId, mentorId, status, enrolled = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) });

    public Task<int> ApplicationAsync(int cohortId, int userId, string? participantId, string? applicationId, string status = "Accepted") =>
        InsertAsync("""
            INSERT INTO Applications (CohortId, ApplicantUserId, SchoolName, Role, Qualification, YearsTeachingSince, FundingRoute,
                DfeParticipantId, DfeApplicationId, Trn, IsEligible, PriceNetPence, VatPence, PriceTotalPence, Status, SubmittedUtc)
            VALUES (@cohortId, @userId, 'Somewhere School', 'Deputy head', 'Qts', 5, 'School', @participantId, @applicationId, '1234567', 1, 0, 0, 0, @status, @now)
            """, new { cohortId, userId, participantId, applicationId, status, now = new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc) });

    public Task<int> SessionAsync(int cohortId, DateTime startUtc, int minutes = 60, bool cancelled = false) =>
        InsertAsync("""
            INSERT INTO WebinarSessions (CohortId, Title, StartUtc, DurationMinutes, Capacity, Status, CreatedUtc, UpdatedUtc)
            VALUES (@cohortId, 'Session', @startUtc, @minutes, 100, @status, @startUtc, @startUtc)
            """, new { cohortId, startUtc, minutes, status = cancelled ? "Cancelled" : "Scheduled" });

    public Task<int> SegmentAsync(int sessionId, int userId, DateTime joinUtc, DateTime? leaveUtc) =>
        InsertAsync("""
            INSERT INTO AttendanceSegments (SessionId, UserId, JoinUtc, LeaveUtc, Source, CreatedUtc)
            VALUES (@sessionId, @userId, @joinUtc, @leaveUtc, 'Import', @joinUtc)
            """, new { sessionId, userId, joinUtc, leaveUtc });

    public Task MarkAsync(int sessionId, int userId, string mark, int recordedBy) =>
        ExecuteAsync("""
            INSERT INTO AttendanceMarks (SessionId, UserId, Mark, RecordedByUserId, RecordedUtc)
            VALUES (@sessionId, @userId, @mark, @recordedBy, @now)
            """, new { sessionId, userId, mark, recordedBy, now = DateTime.UtcNow });

    public async Task<int> EvidenceAsync(int userId, DateTime createdUtc, bool draft, params string[] statementIds)
    {
        var id = await InsertAsync("""
            INSERT INTO EvidenceItems (CandidateUserId, Title, EvidenceDate, Reflection, IsDraft, CreatedUtc, UpdatedUtc)
            VALUES (@userId, 'Evidence', '2026-02-01', 'What I learnt', @draft, @createdUtc, @createdUtc)
            """, new { userId, draft, createdUtc });
        foreach (var statement in statementIds)
        {
            await ExecuteAsync("INSERT INTO EvidenceStatements (EvidenceId, StatementId) VALUES (@id, @statement)", new { id, statement });
        }

        return id;
    }

    public Task<int> EvidenceFileAsync(int evidenceId, string storedName, string fileName, int uploadedBy) =>
        InsertAsync("""
            INSERT INTO EvidenceFiles (EvidenceId, StoredName, FileName, ContentType, SizeBytes, UploadedUtc, UploadedByUserId)
            VALUES (@evidenceId, @storedName, @fileName, 'text/plain', 10, @now, @uploadedBy)
            """, new { evidenceId, storedName, fileName, uploadedBy, now = DateTime.UtcNow });

    public async Task<int> TaskAsync(int courseId, int cohortId, DateOnly dueOn, string kind = "Standard")
    {
        var id = await InsertAsync("""
            INSERT INTO AssessmentTasks (CourseId, Title, Kind, WordLimit, CreatedUtc) VALUES (@courseId, 'Task', @kind, 1000, @now)
            """, new { courseId, kind, now = DateTime.UtcNow });
        await ExecuteAsync("""
            INSERT INTO AssessmentTaskDates (TaskId, CohortId, OpensOn, DueOn, CutOffOn) VALUES (@id, @cohortId, @opens, @dueOn, @cutOff)
            """, new { id, cohortId, opens = dueOn.AddDays(-30), dueOn, cutOff = dueOn.AddDays(14) });
        return id;
    }

    public Task ExtensionAsync(int taskId, int userId, DateOnly dueOn, int grantedBy) =>
        ExecuteAsync("""
            INSERT INTO AssessmentTaskExtensions (TaskId, CandidateUserId, DueOn, GrantedByUserId, GrantedUtc)
            VALUES (@taskId, @userId, @dueOn, @grantedBy, @now)
            """, new { taskId, userId, dueOn, grantedBy, now = DateTime.UtcNow });

    public Task<int> SubmitAsync(int taskId, int userId, int cohortId, DateTime submittedUtc, int attempt = 1) =>
        InsertAsync("""
            INSERT INTO Submissions (TaskId, CandidateUserId, CohortId, Attempt, State, Body, WordCount, SubmittedUtc, SubmittedByUserId, CreatedUtc, UpdatedUtc)
            VALUES (@taskId, @userId, @cohortId, @attempt, 'Submitted', 'My answer', 2, @submittedUtc, @userId, @submittedUtc, @submittedUtc)
            """, new { taskId, userId, cohortId, attempt, submittedUtc });

    /// <summary>A final-assessment script of the submission, released at <paramref name="releasedUtc"/> with its outcome and
    /// completion date, or not released when null (its outcome then still the assessors').</summary>
    public Task<int> ScriptAsync(int taskId, int submissionId, int userId, int cohortId, string outcome, DateTime? releasedUtc) =>
        InsertAsync("""
            INSERT INTO MarkingScripts (SubmissionId, TaskId, CohortId, CandidateUserId, Reference, State, FinalOutcome, ReleasedUtc, CompletionDate, UpdatedUtc)
            VALUES (@submissionId, @taskId, @cohortId, @userId, @reference, @state, @outcome, @releasedUtc, @completionDate, @now)
            """, new
            {
                submissionId, taskId, cohortId, userId, outcome, releasedUtc, now = DateTime.UtcNow,
                reference = $"S-{Guid.NewGuid():N}", state = releasedUtc is null ? "ReadyForRelease" : "Released",
                completionDate = releasedUtc is { } released ? DateOnly.FromDateTime(released) : (DateOnly?)null,
            });

    public async Task<int> ProgressAsync(int userId, int cohortId, int mentorId, DateTime createdUtc, params (string Area, string Rating)[] ratings)
    {
        var id = await InsertAsync("""
            INSERT INTO ProgressUpdates (CandidateUserId, CohortId, MentorUserId, Narrative, NextSteps, CreatedUtc, UpdatedUtc)
            VALUES (@userId, @cohortId, @mentorId, 'Going well', 'Keep going', @createdUtc, @createdUtc)
            """, new { userId, cohortId, mentorId, createdUtc });
        foreach (var (area, rating) in ratings)
        {
            await ExecuteAsync("INSERT INTO ProgressRatings (ProgressUpdateId, AreaSlug, Rating) VALUES (@id, @area, @rating)", new { id, area, rating });
        }

        return id;
    }

    public Task<int> ModuleAsync(int courseId) =>
        InsertAsync("""
            INSERT INTO MaterialModules (CourseId, Position, Title, CreatedUtc, UpdatedUtc) VALUES (@courseId, 1, 'Module', @now, @now)
            """, new { courseId, now = DateTime.UtcNow });

    public Task<int> ItemAsync(int moduleId, string state = "Published") =>
        InsertAsync("""
            INSERT INTO MaterialItems (ModuleId, Position, Kind, Title, State, CreatedUtc, UpdatedUtc) VALUES (@moduleId, 1, 'Page', 'Item', @state, @now, @now)
            """, new { moduleId, state, now = DateTime.UtcNow });

    public Task MaterialProgressAsync(int userId, int itemId, bool complete) =>
        ExecuteAsync("""
            INSERT INTO MaterialProgress (CandidateUserId, ItemId, IsComplete, UpdatedUtc) VALUES (@userId, @itemId, @complete, @now)
            """, new { userId, itemId, complete, now = DateTime.UtcNow });

    public async Task<int> ScalarAsync(string sql, object? parameters = null)
    {
        await using var connection = await _db.OpenAsync();
        return await connection.ExecuteScalarAsync<int>(sql, parameters);
    }

    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await _db.OpenAsync();
        await connection.ExecuteAsync(sql, parameters);
    }

    private async Task<int> InsertAsync(string sql, object parameters)
    {
        await using var connection = await _db.OpenAsync();
        return await connection.ExecuteScalarAsync<int>(sql + _db.Dialect.SelectLastInsertedId, parameters);
    }
}
