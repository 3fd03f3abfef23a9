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
    public async Task MenteesAndStaff_AreTheMentorsAndTheHeadteachersOwn()
    {
        var enrolments = new Mock<IEnrolmentLifecycleRepository>();
        enrolments.Setup(e => e.GetForMentorAsync(MentorId, It.IsAny<CancellationToken>())).ReturnsAsync([AnEnrolment()]);
        enrolments.Setup(e => e.GetForHeadteacherAsync(80, It.IsAny<CancellationToken>())).ReturnsAsync([AnEnrolment(id: 71)]);
        var mine = new MyEnrolments(enrolments.Object, new Mock<ICohortRepository>().Object, new Mock<IUserRepository>().Object, new Mock<IFrameworkCatalog>().Object, Clock());

        Assert.That((await mine.MenteesAsync(MentorId)).Single().Enrolment.Id, Is.EqualTo(70));
        Assert.That((await mine.StaffAsync(80)).Single().Enrolment.Id, Is.EqualTo(71));
    }
}
