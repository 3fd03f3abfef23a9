using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Npq.Core.Enrolment;
using Npq.Core.Frameworks;
using Npq.Core.Validation;
using static Npq.Tests.Core.Enrolment.EnrolmentFakes;

namespace Npq.Tests.Core.Enrolment;

public sealed class CourseCatalogueTests
{
    private Mock<ICohortRepository> _cohorts = null!;

    [SetUp]
    public void Fakes() => _cohorts = new Mock<ICohortRepository>();

    private CourseCatalogue Catalogue()
    {
        var frameworks = new Mock<IFrameworkCatalog>();
        frameworks.Setup(f => f.All).Returns([new Framework("npqsl", "Senior leadership", [])]);
        return new CourseCatalogue(_cohorts.Object, frameworks.Object, NullLogger<CourseCatalogue>.Instance);
    }

    [Test]
    public async Task Check_NewCourseWithoutAName_IsNamedAfterTheNpqAndPricedInPence()
    {
        var check = await Catalogue().CheckAsync(ProviderId, 0, new CourseInput("NPQ-HEADSHIP", null, "npqh", " £1,650.50 "));

        Assert.That(check.IsValid, Is.True);
        Assert.That(check.Course, Is.EqualTo(new Course
        {
            ProviderId = ProviderId, Identifier = "npq-headship", ShortCode = "NPQH", Name = "NPQ for Headship", FrameworkCode = "npqh", PricePence = 165_050,
            IsLeadership = true, HasAssessment = true,
        }));
    }

    [Test]
    public async Task Check_NpqTheProviderRunsAlready_IsAProblemUnlessItIsThisCourse()
    {
        _cohorts.Setup(c => c.CourseIdentifierTakenAsync(ProviderId, "npq-headship", 0, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var duplicate = await Catalogue().CheckAsync(ProviderId, 0, new CourseInput("npq-headship", null, null, "1"));
        var edit = await Catalogue().CheckAsync(ProviderId, 12, new CourseInput("npq-headship", "Headship", null, "1"));

        Assert.That(duplicate.Problems, Is.EqualTo(new[] { new FieldProblem("Identifier", "You already run NPQH: edit that course instead.") }));
        Assert.That(duplicate.IsValid, Is.False);
        Assert.That(edit.Course!.Id, Is.EqualTo(12));
    }

    [TestCase("12.345")]
    [TestCase("-1")]
    [TestCase("100000.01")]
    [TestCase("twelve")]
    public async Task Check_PriceNotInPoundsAndPence_IsAProblem(string price)
    {
        var check = await Catalogue().CheckAsync(ProviderId, 0, new CourseInput("npq-headship", null, null, price));

        Assert.That(check.Problems.Single().Message, Is.EqualTo("Enter the price in pounds, such as 1550 or 1550.00."));
    }

    [Test]
    public async Task Check_UnknownNpqAndBadFrameworkCode_AreProblems()
    {
        var check = await Catalogue().CheckAsync(ProviderId, 0, new CourseInput("npq-astronomy", null, "Bad Code!", "1"));

        Assert.That(check.Problems.Select(p => p.Field), Is.EqualTo(new[] { "Identifier", "FrameworkCode" }));
    }

    [Test]
    public async Task CreateAndSave_CheckedCourse_AreStored()
    {
        var check = await Catalogue().CheckAsync(ProviderId, 12, new CourseInput("npq-senco", "SENCO", "npqsl", "900"));
        _cohorts.Setup(c => c.CreateCourseAsync(check.Course!, It.IsAny<CancellationToken>())).ReturnsAsync(13);

        Assert.That(await Catalogue().CreateAsync(check, new ActingUser(AdminId)), Is.EqualTo(13));
        await Catalogue().SaveAsync(check, new ActingUser(AdminId));
        _cohorts.Verify(c => c.UpdateCourseAsync(It.Is<Course>(x => x.Id == 12 && x.Name == "SENCO" && x.PricePence == 90_000), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task List_FrameworkCodesWithContent_AreThoseInTheCatalogue()
    {
        _cohorts.Setup(c => c.GetCoursesAsync(ProviderId, It.IsAny<CancellationToken>())).ReturnsAsync([Cohort().Course]);

        var list = await Catalogue().ListAsync(ProviderId);

        Assert.That(list.Courses, Has.Count.EqualTo(1));
        Assert.That(list.FrameworksWithContent.Contains("NPQSL"), Is.True, "codes compare without case");
    }
}
