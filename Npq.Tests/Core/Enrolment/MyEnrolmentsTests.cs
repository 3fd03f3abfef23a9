using Moq;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Frameworks;
using static Npq.Tests.Core.Enrolment.EnrolmentFakes;

namespace Npq.Tests.Core.Enrolment;

public sealed class MyEnrolmentsTests
{
    [Test]
    public async Task Courses_Candidate_EachWithItsCohortsExtrasAndWhetherItsFrameworkCanBeRead()
    {
        var enrolments = new Mock<IEnrolmentLifecycleRepository>();
        enrolments.Setup(e => e.GetForCandidateAsync(ApplicantId, It.IsAny<CancellationToken>())).ReturnsAsync(
            [AnEnrolment() with { FrameworkCode = "npqsl" }, AnEnrolment(id: 71, cohortId: 31) with { FrameworkCode = "npqh" }]);
        var cohorts = new Mock<ICohortRepository>();
        var extras = new CohortExtras([MentorId], ["Hall"], []);
        cohorts.Setup(c => c.GetExtrasAsync(CohortId, It.IsAny<CancellationToken>())).ReturnsAsync(extras);
        cohorts.Setup(c => c.GetExtrasAsync(31, It.IsAny<CancellationToken>())).ReturnsAsync(CohortExtras.None);
        var users = new Mock<IUserRepository>();
        users.Setup(u => u.FindByIdAsync(ApplicantId, It.IsAny<CancellationToken>())).ReturnsAsync(new AppUser { Id = ApplicantId, TimeZone = "Asia/Dubai" });
        var frameworks = new Mock<IFrameworkCatalog>();
        frameworks.Setup(f => f.Find("npqsl")).Returns(new Framework("npqsl", "Senior leadership", []));

        var mine = await new MyEnrolments(enrolments.Object, cohorts.Object, users.Object, frameworks.Object, Clock()).CoursesAsync(ApplicantId);

        Assert.That(mine.Courses.Select(c => (c.Enrolment.Enrolment.Id, c.Extras, c.FrameworkHasContent)), Is.EqualTo(new[] { (70, extras, true), (71, CohortExtras.None, false) }));
        Assert.That((mine.ViewerTimeZone, mine.NowUtc), Is.EqualTo(("Asia/Dubai", Now)));
    }

    [Test]
    public async Task MenteesAndStaff_AreTheMentorsAndTheHeadteachersOwn_APageAtATime()
    {
        var enrolments = new Mock<IEnrolmentLifecycleRepository>();
        enrolments.Setup(e => e.GetPageForMentorAsync(MentorId, 25, 25, It.IsAny<CancellationToken>())).ReturnsAsync((26, (IReadOnlyList<EnrolmentView>)[AnEnrolment()]));
        enrolments.Setup(e => e.GetPageForHeadteacherAsync(80, 0, 50, It.IsAny<CancellationToken>())).ReturnsAsync((1, (IReadOnlyList<EnrolmentView>)[AnEnrolment(id: 71)]));
        var mine = new MyEnrolments(enrolments.Object, new Mock<ICohortRepository>().Object, new Mock<IUserRepository>().Object, new Mock<IFrameworkCatalog>().Object, Clock());

        var mentees = await mine.MenteesAsync(MentorId, 2, 25);
        Assert.That((mentees.Rows.Single().Enrolment.Id, mentees.Page, mentees.Total), Is.EqualTo((70, 2, 26)));
        var staff = await mine.StaffAsync(80, 1, 50);
        Assert.That((staff.Rows.Single().Enrolment.Id, staff.Page, staff.Total), Is.EqualTo((71, 1, 1)));
        enrolments.Verify(e => e.GetForMentorAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Mentees_PagePastTheEnd_ShowsPageOne()
    {
        var enrolments = new Mock<IEnrolmentLifecycleRepository>();
        enrolments.Setup(e => e.GetPageForMentorAsync(MentorId, It.IsAny<int>(), 25, It.IsAny<CancellationToken>()))
            .ReturnsAsync((int mentor, int skip, int take, CancellationToken _) => skip == 0 ? (1, [AnEnrolment()]) : (1, []));
        var mine = new MyEnrolments(enrolments.Object, new Mock<ICohortRepository>().Object, new Mock<IUserRepository>().Object, new Mock<IFrameworkCatalog>().Object, Clock());

        var mentees = await mine.MenteesAsync(MentorId, 9, 25);

        Assert.That((mentees.Page, mentees.Rows.Count, mentees.Total), Is.EqualTo((1, 1, 1)));
    }
}
