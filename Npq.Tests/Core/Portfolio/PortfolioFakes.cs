using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Accounts;
using Npq.Core.Frameworks;
using Npq.Core.Portfolio;

namespace Npq.Tests.Core.Portfolio;

/// <summary>
/// Fakes the portfolio's use cases stand on: a small framework ("t": areas one and two), a candidate (7) placed on a
/// cohort in Dubai with mentor 8, and a clock at 21:30 UTC on 23 November 2026 (already the 24th in Dubai).
/// </summary>
public sealed class PortfolioFakes
{
    public const int Candidate = 7;
    public const int Mentor = 8;
    public const int Cohort = 30;
    public const int Course = 40;

    public static readonly DateTime Now = new(2026, 11, 23, 21, 30, 0, DateTimeKind.Utc);

    /// <summary>Today in the candidate's cohort (Dubai).</summary>
    public static readonly DateOnly Today = new(2026, 11, 24);

    public PortfolioFakes()
    {
        Framework = SmallFramework();
        Placement = new CandidatePlacement
        {
            EnrolmentId = 1, CandidateUserId = Candidate, CandidateName = "Cand", CohortId = Cohort, CohortName = "Dubai", CohortZone = "Asia/Dubai",
            CohortStart = new DateOnly(2026, 10, 1), CourseId = Course, CourseName = "SL", FrameworkCode = "t", MentorUserId = Mentor, MentorName = "Ment",
        };
        Placements.Setup(p => p.GetForCandidateAsync(Candidate, It.IsAny<CancellationToken>())).ReturnsAsync(() => [Placement]);
        Placements.Setup(p => p.GetFrameworkCodeAsync(Candidate, It.IsAny<CancellationToken>())).ReturnsAsync("t");
        Catalog.Setup(c => c.Find("t")).Returns(Framework);
        Catalog.Setup(c => c.All).Returns([Framework]);
        Sessions.Setup(s => s.GetAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((int id, CancellationToken _) => new SessionUser { Id = id, DisplayName = $"User {id}", TimeZone = "Europe/London" });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(Now));

    public Framework Framework { get; }

    public CandidatePlacement Placement { get; set; }

    public Mock<IPlacementRepository> Placements { get; } = new();

    public Mock<IUserSessions> Sessions { get; } = new();

    public Mock<IFrameworkCatalog> Catalog { get; } = new();

    public CandidateLookup Lookup => new(Placements.Object, Sessions.Object, Catalog.Object);

    public static Framework SmallFramework()
    {
        Statement S(string id, string area) => new(id, StatementKind.LearnThat, id, "Text " + id, "", area, null, []);
        return new Framework("t", "Test", [
            new Area("one", "One", 1, [S("a1", "one"), S("a2", "one")], []),
            new Area("two", "Two", 2, [S("b1", "two")], []),
        ]);
    }
}
