using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;

namespace Npq.Tests.Core.Enrolment;

/// <summary>Records and fakes the Enrolment use-case tests share: one provider, its cohort, an application and an enrolment.</summary>
internal static class EnrolmentFakes
{
    public const int ProviderId = 7;
    public const int CohortId = 30;
    public const int AdminId = 1;
    public const int ApplicantId = 50;
    public const int MentorId = 60;

    public static readonly DateTime Now = new(2026, 11, 22, 9, 30, 0, DateTimeKind.Utc);

    public static FakeTimeProvider Clock() => new(new DateTimeOffset(Now));

    public static CohortSummary Cohort(int id = CohortId, int capacity = 10, int enrolled = 3, int providerId = ProviderId, DateOnly? start = null, int courseId = 3) => new()
    {
        Cohort = new Cohort
        {
            Id = id, CourseId = courseId, Name = $"Cohort {id}", StartYear = 2026, StartDate = start ?? new DateOnly(2026, 10, 1), EndDate = new DateOnly(2028, 3, 31),
            DeliveryModel = DeliveryModel.Online, TimeZone = "Europe/London", Capacity = capacity, Version = 4,
        },
        Course = new Course { Id = courseId, ProviderId = providerId, Identifier = "npq-senior-leadership", ShortCode = "NPQSL", Name = "Senior Leadership", PricePence = 155_000, FrameworkCode = "npqsl" },
        Enrolled = enrolled,
    };

    public static ApplicationView Application(ApplicationStatus status = ApplicationStatus.Pending, int id = 40, int applicantId = ApplicantId, int cohortId = CohortId) => new()
    {
        Application = new Application
        {
            Id = id, CohortId = cohortId, ApplicantUserId = applicantId, SchoolName = "Riverside", Role = "Teacher", Status = status,
            Qualification = TeachingQualification.Qts, QualificationGainedOn = new DateOnly(2015, 7, 1), YearsTeachingSince = 8,
        },
        ApplicantName = "Ann Applicant", ApplicantEmail = "ann@school.example", CohortName = $"Cohort {cohortId}", CourseName = "NPQ for Senior Leadership", CohortTimeZone = "Europe/London",
    };

    public static EnrolmentView AnEnrolment(TrainingStatus status = TrainingStatus.Active, int id = 70, int cohortId = CohortId, int providerId = ProviderId) => new()
    {
        Enrolment = new CohortEnrolment { Id = id, CohortId = cohortId, CandidateUserId = ApplicantId, TrainingStatus = status, Version = 2 },
        CandidateName = "Ann Applicant", CandidateEmail = "ann@school.example", CohortName = $"Cohort {cohortId}", CohortTimeZone = "Europe/London",
        CourseName = "NPQ for Senior Leadership", CourseShortCode = "NPQSL", ProviderId = providerId,
    };

    /// <summary>Users whose mentors are <see cref="MentorId"/> (active, this provider), an inactive one (61) and another provider's (62).</summary>
    public static Mock<IUserRepository> Users()
    {
        var users = new Mock<IUserRepository>();
        AppUser[] mentors =
        [
            new AppUser { Id = MentorId, DisplayName = "Priya Shah", NormalizedEmail = "MENTOR@NPQ.EXAMPLE", ProviderId = ProviderId },
            new AppUser { Id = 61, DisplayName = "Gone", NormalizedEmail = "GONE@NPQ.EXAMPLE", ProviderId = ProviderId, IsActive = false },
            new AppUser { Id = 62, DisplayName = "Elsewhere", NormalizedEmail = "ELSEWHERE@NPQ.EXAMPLE", ProviderId = ProviderId + 1 },
        ];
        users.Setup(u => u.GetUsersInRoleAsync(Roles.Mentor, It.IsAny<CancellationToken>())).ReturnsAsync(mentors);
        // What the repository's provider-scoped read returns: the provider's active mentors, only those asked about.
        users.Setup(u => u.GetActiveInRoleAsync(It.IsAny<int>(), Roles.Mentor, It.IsAny<IReadOnlyCollection<int>?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((int providerId, string _, IReadOnlyCollection<int>? among, CancellationToken _) =>
                mentors.Where(m => m.ProviderId == providerId && m.IsActive && (among is null || among.Contains(m.Id))).ToList());
        return users;
    }
}
