using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Portfolio;
using Npq.Core.Validation;

namespace Npq.Tests.Core.Portfolio;

public sealed class TaskAdministrationTests
{
    private const int Admin = 2;
    private const int MyCourse = 40;
    private const int OtherCourse = 41;
    private const int MyCohort = 30;
    private const int OtherCohort = 31;
    private PortfolioFakes _fakes = null!;
    private Mock<ITaskRepository> _tasks = null!;
    private TaskAdministration _service = null!;
    private Mock<IOrganisationRepository> _organisations = null!;

    [SetUp]
    public void Create()
    {
        _fakes = new PortfolioFakes();
        _tasks = new Mock<ITaskRepository>();
        var organisations = new Mock<IOrganisationRepository>();
        var users = new Mock<IUserRepository>();
        users.Setup(u => u.FindByIdAsync(Admin, It.IsAny<CancellationToken>())).ReturnsAsync(new AppUser { Id = Admin, Email = "a@x", NormalizedEmail = "A@X", DisplayName = "A", ProviderId = 1 });
        // Each provider's courses as the repository reads them: only that provider's.
        organisations.Setup(o => o.GetCoursesAsync(It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        organisations.Setup(o => o.GetCoursesAsync(1, It.IsAny<CancellationToken>())).ReturnsAsync([
            new Course { Id = MyCourse, ProviderId = 1, Identifier = "i", ShortCode = "S", Name = "Mine", FrameworkCode = "t" },
        ]);
        organisations.Setup(o => o.GetCoursesAsync(9, It.IsAny<CancellationToken>())).ReturnsAsync([
            new Course { Id = OtherCourse, ProviderId = 9, Identifier = "j", ShortCode = "O", Name = "Theirs", FrameworkCode = "t" },
        ]);
        // A course's cohorts as the repository reads them: only that course's, and only for its own provider.
        organisations.Setup(o => o.GetCohortsOfCourseAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        organisations.Setup(o => o.GetCohortsOfCourseAsync(1, MyCourse, It.IsAny<CancellationToken>())).ReturnsAsync([
            new Cohort { Id = MyCohort, CourseId = MyCourse, Name = "Mine", TimeZone = "Europe/London" },
        ]);
        organisations.Setup(o => o.GetCohortsOfCourseAsync(9, OtherCourse, It.IsAny<CancellationToken>())).ReturnsAsync([
            new Cohort { Id = OtherCohort, CourseId = OtherCourse, Name = "Theirs", TimeZone = "Europe/London" },
        ]);
        _organisations = organisations;
        _tasks.Setup(t => t.GetTaskAsync(5, It.IsAny<CancellationToken>())).ReturnsAsync(new AssessmentTask { Id = 5, CourseId = MyCourse, Title = "T" });
        _tasks.Setup(t => t.GetTaskAsync(6, It.IsAny<CancellationToken>())).ReturnsAsync(new AssessmentTask { Id = 6, CourseId = OtherCourse, Title = "T" });
        _tasks.Setup(t => t.CreateTaskAsync(It.IsAny<AssessmentTask>(), It.IsAny<CancellationToken>())).ReturnsAsync(77);
        _service = new TaskAdministration(_tasks.Object, organisations.Object, users.Object, _fakes.Catalog.Object, _fakes.Time, NullLogger<TaskAdministration>.Instance);
    }

    private static TaskDefinition Definition(int courseId) => new()
    {
        CourseId = courseId, Title = " Task 1 ", Instructions = "Do it", WordLimit = 1000, MaxAttempts = 2, StatementIds = ["a1", "zz", "A1"],
    };

    [Test]
    public async Task CreateAsync_AnotherProvidersCourse_IsRefused()
    {
        var defined = await _service.CreateAsync(Admin, Definition(OtherCourse), true, default);

        Assert.That(defined.TaskId, Is.Null);
        Assert.That(defined.Problems.Single(), Is.EqualTo(new FieldProblem("CourseId", "Choose one of your courses.")));
        Assert.That(defined.Courses.Select(c => c.Id), Is.EqualTo(new[] { MyCourse }));
        _tasks.Verify(t => t.CreateTaskAsync(It.IsAny<AssessmentTask>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task CreateAsync_UnknownKind_IsRefused()
    {
        var defined = await _service.CreateAsync(Admin, Definition(MyCourse) with { Kind = (TaskKind)9 }, true, default);

        Assert.That(defined.Problems.Single().Field, Is.EqualTo("Kind"));
    }

    [Test]
    public async Task CreateAsync_MyCourse_CreatesTheTaskWithTheFrameworksStatementsOnly()
    {
        var defined = await _service.CreateAsync(Admin, Definition(MyCourse), true, default);

        Assert.That(defined.TaskId, Is.EqualTo(77));
        _tasks.Verify(t => t.CreateTaskAsync(It.Is<AssessmentTask>(a =>
            a.CourseId == MyCourse && a.Title == "Task 1" && a.WordLimit == 1000 && a.MaxAttempts == 2 && a.CreatedUtc == PortfolioFakes.Now
            && a.StatementIds.SequenceEqual(new[] { "a1" })), It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task SetDatesAsync_AnotherProvidersTask_IsNotFound()
    {
        var set = await _service.SetDatesAsync(Admin, 6, new TaskDatesInput(OtherCohort, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 3)), true, default);

        Assert.That(set.Found, Is.False);
        _tasks.Verify(t => t.SetDatesAsync(It.IsAny<TaskDates>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [TestCase(OtherCohort, 1, 2, 3, "CohortId")]
    [TestCase(MyCohort, 5, 2, 9, "DueOn")]
    [TestCase(MyCohort, 1, 5, 2, "CutOffOn")]
    public async Task SetDatesAsync_BadDatesOrCohort_AreRefusedOnTheirField(int cohortId, int opens, int due, int cutOff, string field)
    {
        var set = await _service.SetDatesAsync(Admin, 5, new TaskDatesInput(cohortId, new DateOnly(2026, 11, opens), new DateOnly(2026, 11, due), new DateOnly(2026, 11, cutOff)), true, default);

        Assert.That(set, Has.Property(nameof(TaskDatesSet.Found)).True.And.Property(nameof(TaskDatesSet.Saved)).False);
        Assert.That(set.Problems.Single().Field, Is.EqualTo(field));
        _tasks.Verify(t => t.SetDatesAsync(It.IsAny<TaskDates>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task SetDatesAsync_GoodDates_AreSaved()
    {
        var set = await _service.SetDatesAsync(Admin, 5, new TaskDatesInput(MyCohort, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 27)), true, default);

        Assert.That(set.Saved, Is.True);
        _tasks.Verify(t => t.SetDatesAsync(new TaskDates(5, MyCohort, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 27)), It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task SetupAsync_MyTask_ListsItsCoursesCohortsReadForThatCourseAndProviderOnly()
    {
        var setup = await _service.SetupAsync(Admin, 5, default);

        Assert.That(setup!.Cohorts.Select(c => c.Id), Is.EqualTo(new[] { MyCohort }));
        _organisations.Verify(o => o.GetCohortsOfCourseAsync(1, MyCourse, It.IsAny<CancellationToken>()), Times.Once);
        _organisations.Verify(o => o.GetCohortsAsync(), Times.Never, "never every provider's cohorts");
    }

    [Test]
    public async Task SetupAsync_AnotherProvidersTask_IsNull() => Assert.That(await _service.SetupAsync(Admin, 6, default), Is.Null);
}
