using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.FinalAssessment;
using Npq.Core.Portfolio;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;
using Npq.Data.FinalAssessment;
using Npq.Data.Infrastructure;
using Npq.Data.Portfolio;

namespace Npq.Tests.Data.FinalAssessment;

/// <summary>
/// A provider of its own (so tests do not see each other's rows) with a course that has a final task, a cohort in
/// Dubai, a candidate with a mentor, two assessors and an admin; <see cref="SubmitAsync"/> hands in an attempt.
/// </summary>
internal sealed record AssessmentWorld(
    IDbConnectionFactory Db, int ProviderId, int CourseId, int CohortId, int TaskId, int Candidate, int Mentor, int Tom, int Grace, int Admin)
{
    public static readonly DateTime Now = new(2026, 6, 3, 10, 0, 0, DateTimeKind.Utc);

    public MarkingRepository Marking => new(Db);

    public static async Task<AssessmentWorld> CreateAsync(IDbConnectionFactory db)
    {
        var organisations = new OrganisationRepository(db);
        var users = new UserRepository(db);
        var providerId = await organisations.EnsureProviderAsync($"Provider {Guid.NewGuid():N}", Now);
        var courseId = await organisations.EnsureCourseAsync(new Course { ProviderId = providerId, Identifier = "npq-senior-leadership", ShortCode = "NPQSL", Name = "SL", FrameworkCode = "npqsl" });
        var cohortId = await organisations.EnsureCohortAsync(new Cohort
        {
            CourseId = courseId, Name = "Dubai", StartYear = 2026, Suffix = "b", StartDate = new DateOnly(2026, 1, 5), EndDate = new DateOnly(2027, 3, 31),
            DeliveryModel = DeliveryModel.Online, TimeZone = "Asia/Dubai", Capacity = 20,
        });

        async Task<int> User(string name, string role)
        {
            var email = $"{Guid.NewGuid():N}@marking.example";
            var id = await users.CreateAsync(new AppUser { Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = name, ProviderId = providerId, CreatedUtc = Now });
            await users.AddToRoleAsync(id, role);
            return id;
        }

        var candidate = await User("Amira Haddad", Roles.Candidate);
        var mentor = await User("Priya Shah", Roles.Mentor);
        var tom = await User("Tom Okafor", Roles.Assessor);
        var grace = await User("Grace Lin", Roles.Assessor);
        var admin = await User("Sam Price", Roles.ProviderAdmin);
        await new EnrolmentRepository(db).EnsureAsync(cohortId, candidate, mentor, Now);
        var tasks = new TaskRepository(db);
        var taskId = await tasks.CreateTaskAsync(new AssessmentTask { CourseId = courseId, Title = "Final case study", Kind = TaskKind.Final, WordLimit = 1500, MaxAttempts = 2, CreatedUtc = Now });
        await tasks.SetDatesAsync(new TaskDates(taskId, cohortId, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 8), new DateOnly(2026, 6, 8)));
        return new AssessmentWorld(db, providerId, courseId, cohortId, taskId, candidate, mentor, tom, grace, admin);
    }

    /// <summary>Hands in the candidate's current attempt; returns the submission's id.</summary>
    public async Task<int> SubmitAsync(string body = "## My answer\n\nA plan in stages.")
    {
        var tasks = new TaskRepository(Db);
        var attempt = await tasks.EnsureFirstAttemptAsync(TaskId, Candidate, CohortId, Now);
        await tasks.SaveAttemptAsync(attempt with
        {
            State = SubmissionState.Submitted, Body = body, WordCount = WordCount.Of(body), SubmittedUtc = Now, SubmittedByUserId = Candidate, UpdatedUtc = Now,
        }, attempt.Version);
        return attempt.Id;
    }

    /// <summary>Opens the script of the submitted attempt and reads it back.</summary>
    public async Task<ScriptDetails> ScriptAsync()
    {
        await Marking.EnsureScriptsAsync(CohortId, Now);
        return (await Marking.GetScriptsForCandidateAsync(Candidate))[0];
    }

    public async Task<IReadOnlyList<AssessmentCriterion>> CriteriaAsync()
    {
        await Marking.EnsureCriterionAsync(new AssessmentCriterion { CourseId = CourseId, Position = 1, Title = "Analyses the context", StatementIds = ["sl-1", "sl-2"] });
        await Marking.EnsureCriterionAsync(new AssessmentCriterion { CourseId = CourseId, Position = 2, Title = "Plans in stages", Guidance = "Explore, prepare." });
        return await Marking.GetCriteriaAsync(CourseId);
    }
}
