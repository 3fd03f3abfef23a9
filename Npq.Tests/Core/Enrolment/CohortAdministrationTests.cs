using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Npq.Core.Enrolment;
using Npq.Core.Validation;
using static Npq.Tests.Core.Enrolment.EnrolmentFakes;

namespace Npq.Tests.Core.Enrolment;

public sealed class CohortAdministrationTests
{
    private static readonly ActingUser Admin = new(AdminId);
    private Mock<ICohortRepository> _cohorts = null!;
    private Mock<IEnrolmentLifecycleRepository> _enrolments = null!;

    [SetUp]
    public void Fakes()
    {
        _cohorts = new Mock<ICohortRepository>();
        _cohorts.Setup(c => c.GetCourseAsync(ProviderId, 3, It.IsAny<CancellationToken>())).ReturnsAsync(Cohort().Course);
        _cohorts.Setup(c => c.GetDeliveryPartnersAsync(ProviderId, It.IsAny<CancellationToken>())).ReturnsAsync([new CohortPerson(5, "Partner")]);
        _enrolments = new Mock<IEnrolmentLifecycleRepository>();
    }

    private CohortAdministration Admin_() => new(
        _cohorts.Object, new Mock<IApplicationRepository>().Object, _enrolments.Object, new ProviderMentors(Users().Object), Clock(), NullLogger<CohortAdministration>.Instance);

    private static CohortInput Input() => new()
    {
        CourseId = 3, Name = " Doha spring ", StartYear = 2027, Suffix = "a", StartDate = new DateOnly(2027, 1, 10), EndDate = new DateOnly(2028, 6, 30),
        DeliveryModel = DeliveryModel.Blended, TimeZone = " Asia/Dubai ", Capacity = 30, DeliveryPartnerId = 5, FacilitatorUserIds = [MentorId, MentorId],
        Venues = "Doha hall\n\n", Events = "2027-05-15 | Day two\n2027-02-13 | Day one | Doha hall",
    };

    [Test]
    public async Task Check_ValidInput_BuildsTheCohortWithSortedDaysAndDistinctFacilitators()
    {
        var check = await Admin_().CheckAsync(ProviderId, null, Input());

        Assert.That(check.IsValid, Is.True);
        Assert.That((check.Cohort!.Name, check.Cohort.TimeZone, check.Cohort.Id, check.Cohort.DfeCohort), Is.EqualTo(("Doha spring", "Asia/Dubai", 0, "2027a")));
        Assert.That(check.Extras!.FacilitatorUserIds, Is.EqualTo(new[] { MentorId }));
        Assert.That(check.Extras.Venues, Is.EqualTo(new[] { "Doha hall" }));
        Assert.That(check.Extras.Events, Is.EqualTo(new[]
        {
            new CohortEventInput(new DateOnly(2027, 2, 13), "Day one", "Doha hall"),
            new CohortEventInput(new DateOnly(2027, 5, 15), "Day two", null),
        }));
    }

    [Test]
    public async Task Check_OthersCourseUnknownPartnerAndFacilitatorAndTakenName_AreProblemsByField()
    {
        _cohorts.Setup(c => c.CohortNameTakenAsync(4, "Doha spring", 0, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var check = await Admin_().CheckAsync(ProviderId, null, Input() with { CourseId = 4, DeliveryPartnerId = 6, FacilitatorUserIds = [62] });

        Assert.That(check.IsValid, Is.False);
        Assert.That(check.Problems.Select(p => p.Field), Is.EqualTo(new[] { "CourseId", "DeliveryPartnerId", "FacilitatorUserIds", "Name" }));
    }

    [Test]
    public async Task Check_BadZoneDatesAndDays_AreProblemsByFieldAndLine()
    {
        var input = Input() with
        {
            TimeZone = "Mars/Olympus", StartDate = new DateOnly(2027, 1, 10), EndDate = new DateOnly(2027, 1, 1),
            Events = "2026-01-01 | Too early\nnot a date\n2027-01-05 | " + new string('t', 201), Venues = new string('v', 301),
        };

        var check = await Admin_().CheckAsync(ProviderId, null, input);

        Assert.That(check.Problems.Select(p => p.Message), Is.EqualTo(new[]
        {
            "“Mars/Olympus” is not a time zone we know: use an IANA name such as Europe/London or Asia/Dubai.",
            "The end date must be on or after the start date.",
            "Each venue must be 300 characters or fewer.",
            "Line 1: 1 Jan 2026 is outside the cohort's dates.",
            "Line 2: start with the date as 2027-01-15.",
            "Line 3: the title must be 200 characters or fewer and the venue 300.",
        }));
        Assert.That(check.Cohort, Is.Null);
    }

    [Test]
    public async Task Check_OnlineCohortWithDays_IsAProblem()
    {
        var check = await Admin_().CheckAsync(ProviderId, null, Input() with { DeliveryModel = DeliveryModel.Online });

        Assert.That(check.Problems.Single().Field, Is.EqualTo("Events"));
    }

    [Test]
    public async Task Check_IncompleteInput_BuildsNothingButLeavesTheFieldsToSayWhy()
    {
        var check = await Admin_().CheckAsync(ProviderId, null, Input() with { Capacity = null });

        Assert.That(check.Problems, Is.Empty);
        Assert.That(check.IsValid, Is.False);
    }

    [Test]
    public async Task Check_EditBelowThePlacesTaken_IsAProblemOnCapacity()
    {
        var check = await Admin_().CheckAsync(ProviderId, Cohort(enrolled: 31), Input());

        Assert.That(check.Problems, Is.EqualTo(new[] { new FieldProblem("Capacity", "31 places are already taken: the cohort needs at least that many.") }));
        Assert.That(check.IsValid, Is.False);
    }

    [Test]
    public async Task Create_CheckedCohort_IsStoredWithItsExtras()
    {
        var check = await Admin_().CheckAsync(ProviderId, null, Input());
        _cohorts.Setup(c => c.CreateCohortAsync(check.Cohort!, check.Extras!, It.IsAny<CancellationToken>())).ReturnsAsync(99);

        Assert.That(await Admin_().CreateAsync(check, Admin), Is.EqualTo(99));
    }

    [Test]
    public async Task Create_CheckWithProblems_IsNeverStored()
    {
        var check = await Admin_().CheckAsync(ProviderId, null, Input() with { TimeZone = "Nowhere/Else" });

        Assert.That(async () => await Admin_().CreateAsync(check, Admin), Throws.InvalidOperationException);
        _cohorts.Verify(c => c.CreateCohortAsync(It.IsAny<Cohort>(), It.IsAny<CohortExtras>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Save_SomeoneSavedFirst_IsRefusedWithTheCurrentVersion()
    {
        var check = await Admin_().CheckAsync(ProviderId, Cohort(), Input() with { Version = 4 });
        _cohorts.Setup(c => c.UpdateCohortAsync(It.Is<Cohort>(x => x.Id == CohortId && x.Version == 4), check.Extras!, It.IsAny<CancellationToken>())).ReturnsAsync(false);
        _cohorts.Setup(c => c.GetSummaryAsync(CohortId, It.IsAny<CancellationToken>())).ReturnsAsync(Cohort() with { Cohort = Cohort().Cohort with { Version = 6 } });

        Assert.That(await Admin_().SaveAsync(check, Admin), Is.EqualTo((false, 6)));
    }

    [Test]
    public async Task AssignMentors_NoneTickedAndAStranger_AreBothProblems()
    {
        var (changed, problems) = await Admin_().AssignMentorsAsync(Cohort(), [], 62, Admin);

        Assert.That(changed, Is.Zero);
        Assert.That(problems.Select(p => p.Field), Is.EqualTo(new[] { "enrolmentIds", "mentorUserId" }));
        _enrolments.VerifyNoOtherCalls();
    }

    [Test]
    public async Task AssignMentors_ProvidersMentor_AssignsThemToTheTicked()
    {
        _enrolments.Setup(e => e.AssignMentorAsync(CohortId, It.Is<IReadOnlyCollection<int>>(ids => ids.SequenceEqual(new[] { 70, 71 })), MentorId, AdminId, Now, It.IsAny<CancellationToken>())).ReturnsAsync(1);

        var (changed, problems) = await Admin_().AssignMentorsAsync(Cohort(), [70, 71], MentorId, Admin);

        Assert.That((changed, problems.Count), Is.EqualTo((1, 0)));
    }

    [Test]
    public async Task FindAndInput_AnotherProvidersCohortIsHiddenAndOwnIsShownForEditing()
    {
        _cohorts.Setup(c => c.GetSummaryAsync(CohortId, It.IsAny<CancellationToken>())).ReturnsAsync(Cohort());
        _cohorts.Setup(c => c.GetExtrasAsync(CohortId, It.IsAny<CancellationToken>())).ReturnsAsync(
            new CohortExtras([MentorId], ["Hall"], [new CohortEventInput(new DateOnly(2027, 1, 15), "Day one", null), new CohortEventInput(new DateOnly(2027, 2, 1), "Day two", "Hall")]));

        Assert.That(await Admin_().FindAsync(ProviderId + 1, CohortId), Is.Null);
        var input = await Admin_().InputAsync((await Admin_().FindAsync(ProviderId, CohortId))!);
        Assert.That((input.Name, input.Capacity, input.Version, input.Venues), Is.EqualTo(("Cohort 30", (int?)10, 4, "Hall")));
        Assert.That(input.Events, Is.EqualTo("2027-01-15 | Day one\n2027-02-01 | Day two | Hall"));
        var blank = Admin_().Blank();
        Assert.That((blank.StartYear, blank.TimeZone, blank.OpenForApplications, blank.CourseId), Is.EqualTo(((int?)2026, "Europe/London", true, (int?)null)));
    }
}
