using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Auditing;
using Npq.Core.FinalAssessment;
using Npq.Core.Webinars;

namespace Npq.Tests.Core.FinalAssessment;

/// <summary>
/// Moq fakes of the final assessment's Core interfaces for the use-case tests: one cohort (id 7, course 3, provider
/// 1, zone Europe/London) with two assessors, a candidate and the candidate's mentor, and a clock.
/// </summary>
internal sealed class MarkingFakes
{
    public const int CohortId = 7;
    public const int CourseId = 3;
    public const int ProviderId = 1;
    public const int Candidate = 100;
    public const int Mentor = 200;
    public const int Tom = 300;
    public const int Grace = 301;
    public const int Admin = 400;

    public static readonly DateTime Now = new(2026, 7, 1, 9, 30, 0, DateTimeKind.Utc);

    public Mock<IMarkingRepository> Marking { get; } = new(MockBehavior.Loose);
    public Mock<IAttendanceQueries> Attendance { get; } = new();
    public Mock<IAuditLog> Audit { get; } = new();
    public FakeTimeProvider Time { get; } = new(Now);
    public List<AuditEntry> AuditEntries { get; } = [];
    public FinalAssessmentOptions Options { get; } = new();

    public AssessmentCohort Cohort { get; set; } = new()
    {
        Id = CohortId, Name = "Spring", TimeZone = "Europe/London", StartYear = 2026, Suffix = "a", CourseId = CourseId, CourseName = "NPQ for Senior Leadership",
        CourseCode = "NPQSL", CourseIdentifier = "npq-senior-leadership", ProviderId = ProviderId, ProviderName = "Provider",
    };

    public MarkingFakes()
    {
        Marking.Setup(m => m.GetCohortAsync(CohortId, It.IsAny<CancellationToken>())).ReturnsAsync(() => Cohort);
        Marking.Setup(m => m.GetAssessorsAsync(ProviderId, It.IsAny<CancellationToken>()))
            .ReturnsAsync([new PersonName { Id = Tom, DisplayName = "Tom" }, new PersonName { Id = Grace, DisplayName = "Grace" }, new PersonName { Id = Mentor, DisplayName = "Priya" }]);
        Marking.Setup(m => m.GetMentorIdsAsync(Candidate, It.IsAny<CancellationToken>())).ReturnsAsync(new HashSet<int> { Mentor });
        Marking.Setup(m => m.GetMentorIdsAsync(It.IsNotIn(Candidate), It.IsAny<CancellationToken>())).ReturnsAsync(new HashSet<int>());
        Marking.Setup(m => m.GetPolicyOverridesAsync(CourseId, CohortId, It.IsAny<CancellationToken>())).ReturnsAsync(((PolicyOverrides?)null, (PolicyOverrides?)null));
        Audit.Setup(a => a.WriteAsync(It.IsAny<AuditEntry>(), It.IsAny<CancellationToken>()))
            .Callback<AuditEntry, CancellationToken>((entry, _) => AuditEntries.Add(entry))
            .Returns(Task.CompletedTask);
    }

    public AssessmentPolicies Policies() => new(Marking.Object, Attendance.Object, Audit.Object, Microsoft.Extensions.Options.Options.Create(Options), Time);

    public static ScriptDetails Script(int id, MarkingState state, int? assessor = null, int? moderator = null, MarkingOutcome? assessorOutcome = null,
        MarkingOutcome? finalOutcome = null, int candidate = Candidate, int version = 4) => new()
    {
        Id = id, SubmissionId = 1000 + id, TaskId = 50, CohortId = CohortId, CandidateUserId = candidate, Reference = MarkingScript.ReferenceFor(id),
        State = state, AssessorUserId = assessor, ModeratorUserId = moderator, AssessorOutcome = assessorOutcome, FinalOutcome = finalOutcome,
        Version = version, CandidateName = "Amira", CohortName = "Spring", CourseId = CourseId, Attempt = 1,
    };

    public void CohortScripts(params ScriptDetails[] scripts)
    {
        Marking.Setup(m => m.GetScriptsForCohortAsync(CohortId, It.IsAny<CancellationToken>())).ReturnsAsync(scripts);
        Marking.Setup(m => m.GetScriptsPageForCohortAsync(CohortId, It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((int _, int skip, int take, CancellationToken _) => scripts.Skip(skip).Take(take).ToList());
        Marking.Setup(m => m.GetStateCountsAsync(CohortId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(scripts.GroupBy(s => s.State).ToDictionary(g => g.Key, g => g.Count()));
        Marking.Setup(m => m.GetMentorIdsForAsync(It.IsAny<IReadOnlyList<int>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<int> ids, CancellationToken _) => ids.Contains(Candidate)
                ? new Dictionary<int, IReadOnlySet<int>> { [Candidate] = new HashSet<int> { Mentor } }
                : new Dictionary<int, IReadOnlySet<int>>());
    }

    public static IReadOnlyList<AssessmentCriterion> Criteria(int count) =>
        Enumerable.Range(1, count).Select(i => new AssessmentCriterion { Id = i, CourseId = CourseId, Position = i, Title = $"Criterion {i}" }).ToList();

    public IReadOnlyList<string> AuditActions => AuditEntries.Select(e => e.Action).ToList();
}
